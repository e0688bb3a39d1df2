package org.urbis.parking.codec.internal;

import static org.urbis.parking.codec.Frames.atLeast;
import static org.urbis.parking.codec.Frames.exactly;
import static org.urbis.parking.codec.Frames.u8;

import java.time.Duration;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.SensorFrame;
import org.urbis.parking.codec.SensorFrame.Kind;

/**
 * The frame layout Nwave's parking sensors share: port 1 status on change, port 2 heartbeat, port 3
 * startup, port 6 debug (Nwave's decoders in The Things Network's device repository,
 * vendor/nwave/nps310sm.js and nps405.js).
 */
final class NwaveFrames {

    private NwaveFrames() {}

    /** The startup frame: firmware x.y.z, reset cause, occupancy in bit 0 of byte 4. */
    static SensorFrame startup(byte[] p, String[] resetCauses) throws FrameRefused {
        exactly(3, p, 5, "a startup frame");
        int cause = u8(p, 3);
        if (cause >= resetCauses.length || resetCauses[cause] == null) {
            throw new FrameRefused(3, 3, "reset cause " + cause + " is not one the sensor defines");
        }
        return SensorFrame.of(Kind.STARTUP)
                .firmware(u8(p, 0) + "." + u8(p, 1) + "." + u8(p, 2))
                .resetCause(resetCauses[cause])
                .occupied((p[4] & 0x1) == 1)
                .build();
    }

    static SensorFrame debug(byte[] p) throws FrameRefused {
        atLeast(6, p, 1, "a debug frame");
        return SensorFrame.of(Kind.OTHER).build();
    }

    static FrameRefused unknownPort(int fPort) {
        return new FrameRefused(
                fPort, -1, "Nwave sensors send nothing on this port (1 status, 2 heartbeat, 3 startup, 6 debug)");
    }

    /**
     * The NPS405's 7-bit compressed duration of the previous state, in minutes: exact below 90,
     * 5-minute steps to 240, hour steps to 600, and 127 for "longer than 11 hours".
     */
    static SensorFrame.Builder previousState(SensorFrame.Builder b, int code) {
        if (code < 90) {
            return b.previousState(Duration.ofMinutes(code), false);
        } else if (code < 120) {
            return b.previousState(Duration.ofMinutes(90 + (code - 90) * 5L), false);
        } else if (code < 127) {
            return b.previousState(Duration.ofMinutes(240 + (code - 120) * 60L), false);
        }
        return b.previousState(Duration.ofMinutes(660), true);
    }
}
