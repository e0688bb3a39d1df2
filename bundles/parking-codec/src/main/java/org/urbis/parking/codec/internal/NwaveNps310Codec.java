package org.urbis.parking.codec.internal;

import static org.urbis.parking.codec.Frames.exactly;

import org.osgi.service.component.annotations.Component;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;
import org.urbis.parking.codec.SensorFrame.Kind;

/** Nwave NPS310 (Smart Parking Sensor G3): one byte of status or heartbeat, occupancy in bit 0. */
@Component(service = PayloadCodec.class)
public final class NwaveNps310Codec implements PayloadCodec {

    private static final String[] RESET_CAUSES = {null, "watchdog", "power_on", "user_request", "brownout", "other"};

    @Override
    public String model() {
        return "nwave-nps310";
    }

    @Override
    public SensorFrame decode(int fPort, byte[] p) throws FrameRefused {
        switch (fPort) {
            case 1:
            case 2:
                exactly(fPort, p, 1, fPort == 1 ? "a status frame" : "a heartbeat frame");
                if ((p[0] & 0xFE) != 0) {
                    throw new FrameRefused(
                            fPort,
                            0,
                            "bits 1-7 are not defined and must be 0, got 0x" + Integer.toHexString(p[0] & 0xFF));
                }
                return SensorFrame.of(fPort == 1 ? Kind.STATUS : Kind.HEARTBEAT)
                        .occupied((p[0] & 1) == 1)
                        .build();
            case 3:
                return NwaveFrames.startup(p, RESET_CAUSES);
            case 6:
                return NwaveFrames.debug(p);
            default:
                throw NwaveFrames.unknownPort(fPort);
        }
    }
}
