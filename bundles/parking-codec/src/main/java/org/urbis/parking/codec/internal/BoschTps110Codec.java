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
 * Bosch TPS110 parking lot sensor (firmware 0.29.2 layout, The Things Network's device repository
 * vendor/bosch/tpl110-0292.js): port 1 status, port 2 heartbeat with the temperature, port 3 startup
 * with debug codes, firmware and reset cause, ports 4-6 device information, usage and debug.
 */
@Component(service = PayloadCodec.class)
public final class BoschTps110Codec implements PayloadCodec {

    private static final String[] RESET_CAUSES = {null, "watchdog", "power_on", "system_request", "other"};

    @Override
    public String model() {
        return "bosch-tps110";
    }

    @Override
    public boolean readsFirmware(String firmware) {
        return true;
    }

    @Override
    public SensorFrame decode(int fPort, byte[] p) throws FrameRefused {
        switch (fPort) {
            case 1:
                exactly(1, p, 1, "a status frame");
                return SensorFrame.of(Kind.STATUS).occupied(occupied(1, p, 0)).build();
            case 2: {
                if (p.length < 1 || p.length > 2) {
                    throw new FrameRefused(
                            2, Math.min(p.length, 2), "a heartbeat frame is 1 or 2 bytes, got " + p.length);
                }
                SensorFrame.Builder b = SensorFrame.of(Kind.HEARTBEAT).occupied(occupied(2, p, 0));
                return (p.length == 2 ? b.temperature(p[1]) : b).build();
            }
            case 3: {
                exactly(3, p, 17, "a startup frame");
                int cause = u8(p, 15);
                if (cause >= RESET_CAUSES.length || RESET_CAUSES[cause] == null) {
                    throw new FrameRefused(3, 15, "reset cause " + cause + " is not one the sensor defines");
                }
                // debug codes in bytes 0-11 are for Bosch's support, not for the bay
                return SensorFrame.of(Kind.STARTUP)
                        .firmware(u8(p, 12) + "." + u8(p, 13) + "." + u8(p, 14))
                        .resetCause(RESET_CAUSES[cause])
                        .occupied(occupied(3, p, 16))
                        .build();
            }
            case 4:
            case 5:
            case 6:
                atLeast(fPort, p, 1, "a device information, usage or debug frame");
                return SensorFrame.of(Kind.OTHER).build();
            default:
                throw new FrameRefused(
                        fPort,
                        -1,
                        "the TPS110 sends nothing on this port (1 status, 2 heartbeat, 3 startup, "
                                + "4-6 information)");
        }
    }

    private static boolean occupied(int fPort, byte[] p, int i) throws FrameRefused {
        if ((p[i] & 0xFE) != 0) {
            throw new FrameRefused(
                    fPort, i, "only bit 0 (occupied) is defined, got 0x" + Integer.toHexString(u8(p, i)));
        }
        return p[i] == 1;
    }
}
