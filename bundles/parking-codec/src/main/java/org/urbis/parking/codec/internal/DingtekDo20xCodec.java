package org.urbis.parking.codec.internal;

import static org.urbis.parking.codec.Frames.atLeast;
import static org.urbis.parking.codec.Frames.u16;
import static org.urbis.parking.codec.Frames.u8;

import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;
import org.urbis.parking.codec.SensorFrame.Kind;

/**
 * Dingtek DO20x parking detectors (The Things Network's device repository, vendor/dingtek/do200.js
 * and do201.js): every frame on port 3, framed by 0x80 and 0x81, byte 2 the model, byte 3 the frame
 * type (1 heartbeat, 2 alarm, 3 settings), byte 4 the frame's length. Telemetry carries the parking
 * alarm (occupied), the level alarm, the magnetic alarm (interference: tamper), the battery alarm
 * and the voltage.
 */
abstract class DingtekDo20xCodec implements PayloadCodec {

    private static final int PORT = 3;

    private final String model;
    private final int modelByte;
    private final int telemetryLength;

    DingtekDo20xCodec(String model, int modelByte, int telemetryLength) {
        this.model = model;
        this.modelByte = modelByte;
        this.telemetryLength = telemetryLength;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean readsFirmware(String firmware) {
        return true;
    }

    @Override
    public SensorFrame decode(int fPort, byte[] p) throws FrameRefused {
        if (fPort != PORT) {
            throw new FrameRefused(fPort, -1, "Dingtek detectors send every frame on port 3");
        }
        atLeast(PORT, p, 6, "a frame");
        expect(p, 0, 0x80, "the frame's head");
        expect(p, 2, modelByte, "the " + model + "'s model code");
        if (u8(p, 4) != p.length) {
            throw new FrameRefused(PORT, 4, "the frame says it is " + u8(p, 4) + " bytes long, but it is " + p.length);
        }
        expect(p, p.length - 1, 0x81, "the frame's tail");
        int type = u8(p, 3);
        switch (type) {
            case 1:
            case 2:
                return telemetry(p, type == 1 ? Kind.HEARTBEAT : Kind.STATUS);
            case 3:
                return SensorFrame.of(Kind.OTHER)
                        .firmware(u8(p, 5) + "." + u8(p, 6))
                        .build();
            default:
                throw new FrameRefused(PORT, 3, "frame type " + type + " is not one the detector defines (1, 2, 3)");
        }
    }

    private SensorFrame telemetry(byte[] p, Kind kind) throws FrameRefused {
        if (p.length != telemetryLength) {
            throw new FrameRefused(
                    PORT,
                    4,
                    "a telemetry frame of the " + model + " is " + telemetryLength + " bytes, got " + p.length);
        }
        SensorFrame.Builder b = SensorFrame.of(kind)
                .occupied(nibble(p, 7, true))
                .tamper(nibble(p, 8, true))
                .lowBattery(nibble(p, 8, false))
                .batteryVolts(u16(p, 9) / 100.0);
        temperature(b, p);
        return b.build();
    }

    /** Adds the temperature where the model reports it. */
    void temperature(SensorFrame.Builder b, byte[] p) {}

    /** An alarm nibble: 0 clear, 1 raised, anything else refused. */
    private static boolean nibble(byte[] p, int i, boolean high) throws FrameRefused {
        int v = high ? u8(p, i) >> 4 : u8(p, i) & 0xF;
        if (v > 1) {
            throw new FrameRefused(
                    PORT, i, "an alarm flag is 0 or 1, got " + v + " in the " + (high ? "high" : "low") + " half");
        }
        return v == 1;
    }

    private static void expect(byte[] p, int i, int value, String what) throws FrameRefused {
        if (u8(p, i) != value) {
            throw new FrameRefused(
                    PORT, i, what + " is 0x" + Integer.toHexString(value) + ", got 0x" + Integer.toHexString(u8(p, i)));
        }
    }
}
