package org.urbis.parking.codec.internal;

import static org.urbis.parking.codec.Frames.atLeast;
import static org.urbis.parking.codec.Frames.exactly;
import static org.urbis.parking.codec.Frames.u8;

import org.osgi.service.component.annotations.Component;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;
import org.urbis.parking.codec.SensorFrame.Kind;

/**
 * Nwave NPS405 (Smart Parking Sensor G4), in the bit layout of 2023 on: occupancy in bit 0 of the
 * first byte, the other seven bits the previous state's compressed duration (status) or hardware
 * health (heartbeat). Firmware 2.4.9, the first listed with this layout, and later; the older layout
 * is {@link NwaveNps405LegacyCodec}.
 */
@Component(service = PayloadCodec.class)
public final class NwaveNps405Codec implements PayloadCodec {

    static final String MODEL = "nwave-nps405";
    /** Reset causes by code; 4 and 5 are not defined. */
    static final String[] RESET_CAUSES = {
        "rejoining_lorawan_network", "watchdog", "power_on", "user_request", null, null, "brownout", "other"
    };

    private final boolean legacy;

    public NwaveNps405Codec() {
        this(false);
    }

    NwaveNps405Codec(boolean legacy) {
        this.legacy = legacy;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public boolean readsFirmware(String firmware) {
        return firmware.isEmpty() || !Firmware.before(firmware, Firmware.NPS405_CURRENT_LAYOUT);
    }

    @Override
    public SensorFrame decode(int fPort, byte[] p) throws FrameRefused {
        switch (fPort) {
            case 1: {
                exactly(1, p, 1, "a status frame");
                return NwaveFrames.previousState(SensorFrame.of(Kind.STATUS).occupied(occupied(p[0])), rest(p[0]))
                        .build();
            }
            case 2:
                return heartbeat(p);
            case 3:
                return NwaveFrames.startup(p, RESET_CAUSES);
            case 6:
                return NwaveFrames.debug(p);
            case 10: {
                // a tag (user) registration: occupancy and duration only when the occupied bit is set
                exactly(10, p, 5, "a tag registration frame");
                SensorFrame.Builder b = SensorFrame.of(Kind.OTHER);
                return occupied(p[0])
                        ? NwaveFrames.previousState(b.occupied(true), rest(p[0]))
                                .build()
                        : b.build();
            }
            default:
                throw new FrameRefused(
                        fPort,
                        -1,
                        "the NPS405 sends nothing on this port (1 status, 2 heartbeat, "
                                + "3 startup, 6 debug, 10 tag registration)");
        }
    }

    private SensorFrame heartbeat(byte[] p) throws FrameRefused {
        atLeast(2, p, 3, "a heartbeat frame");
        int health = rest(p[0]);
        int millivolts = 2500 + u8(p, 1) * 4;
        double temperature = (byte) p[2] / 2.0 + 10;
        // the sensor's own thresholds: lower in the cold, where a lithium cell's voltage sags
        int low = temperature >= -5 ? 3000 : 2900;
        return SensorFrame.of(Kind.HEARTBEAT)
                .occupied(occupied(p[0]))
                .batteryVolts(millivolts / 1000.0)
                .lowBattery(millivolts < low)
                .temperature(temperature)
                .fault(health == 0 ? null : "hardware health status " + health)
                .build();
    }

    private boolean occupied(byte b) {
        return legacy ? (b & 0x80) != 0 : (b & 0x01) != 0;
    }

    /** The seven bits beside the occupancy bit. */
    private int rest(byte b) {
        return legacy ? b & 0x7F : (b & 0xFF) >> 1;
    }
}
