package org.urbis.simulator.parking;

import java.util.Locale;

/**
 * The frame layouts of the sensors the simulator imitates, as their vendors publish them (The Things
 * Network's device repository): what each sends on a change of occupancy, as a heartbeat, and after
 * a restart. Written apart from the driver's codecs, so that each checks the other.
 */
public enum SensorModel {

    /** Nwave NPS405, 2023 layout: occupancy in bit 0, compressed previous-state duration in bits 1-7. */
    NWAVE_NPS405("nwave-nps405") {
        @Override
        Frame status(boolean occupied, long previousMinutes) {
            return new Frame(1, new byte[] {(byte) (compress(previousMinutes) << 1 | bit(occupied))});
        }

        @Override
        Frame heartbeat(boolean occupied, double volts, double celsius) {
            int battery = (int) Math.round((volts * 1000 - 2500) / 4);
            int temperature = (int) Math.round((celsius - 10) * 2);
            return new Frame(2, new byte[] {
                (byte) bit(occupied),
                (byte) Math.max(0, Math.min(255, battery)),
                (byte) Math.max(-128, Math.min(127, temperature)),
                0,
                0,
                0
            });
        }

        @Override
        Frame startup(boolean occupied) {
            return new Frame(3, new byte[] {2, 4, 9, 2, (byte) bit(occupied)});
        }
    },

    /** Nwave NPS310: one byte, occupancy in bit 0. */
    NWAVE_NPS310("nwave-nps310") {
        @Override
        Frame status(boolean occupied, long previousMinutes) {
            return new Frame(1, new byte[] {(byte) bit(occupied)});
        }

        @Override
        Frame heartbeat(boolean occupied, double volts, double celsius) {
            return new Frame(2, new byte[] {(byte) bit(occupied)});
        }

        @Override
        Frame startup(boolean occupied) {
            return new Frame(3, new byte[] {1, 13, 0, 2, (byte) bit(occupied)});
        }
    },

    /** Bosch TPS110 (firmware 0.29.2): status, heartbeat with the temperature, 17-byte startup. */
    BOSCH_TPS110("bosch-tps110") {
        @Override
        Frame status(boolean occupied, long previousMinutes) {
            return new Frame(1, new byte[] {(byte) bit(occupied)});
        }

        @Override
        Frame heartbeat(boolean occupied, double volts, double celsius) {
            return new Frame(2, new byte[] {(byte) bit(occupied), (byte) Math.round(celsius)});
        }

        @Override
        Frame startup(boolean occupied) {
            byte[] p = new byte[17];
            p[12] = 0;
            p[13] = 29;
            p[14] = 2;
            p[15] = 2; // power on
            p[16] = (byte) bit(occupied);
            return new Frame(3, p);
        }
    },

    /** Dingtek DO200: 21-byte telemetry framed by 0x80 ... 0x81 on port 3. */
    DINGTEK_DO200("dingtek-do200") {
        @Override
        Frame status(boolean occupied, long previousMinutes) {
            return new Frame(3, dingtek(0x02, 21, 2, occupied, 3.6));
        }

        @Override
        Frame heartbeat(boolean occupied, double volts, double celsius) {
            return new Frame(3, dingtek(0x02, 21, 1, occupied, volts));
        }

        @Override
        Frame startup(boolean occupied) {
            return heartbeat(occupied, 3.6, 25);
        }
    },

    /** Dingtek DO201: 23-byte telemetry with temperature and humidity. */
    DINGTEK_DO201("dingtek-do201") {
        @Override
        Frame status(boolean occupied, long previousMinutes) {
            return new Frame(3, dingtek(0x31, 23, 2, occupied, 3.6));
        }

        @Override
        Frame heartbeat(boolean occupied, double volts, double celsius) {
            byte[] p = dingtek(0x31, 23, 1, occupied, volts);
            p[17] = (byte) Math.round(celsius);
            p[18] = 60;
            return new Frame(3, p);
        }

        @Override
        Frame startup(boolean occupied) {
            return heartbeat(occupied, 3.6, 25);
        }
    };

    /** A payload and its port. */
    public record Frame(int fPort, byte[] payload) {}

    private final String id;

    SensorModel(String id) {
        this.id = id;
    }

    /** The model as devices name it in their {@code model} option. */
    public String id() {
        return id;
    }

    public static SensorModel of(String id) {
        for (SensorModel m : values()) {
            if (m.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("model '" + id + "' is not simulated");
    }

    abstract Frame status(boolean occupied, long previousMinutes);

    abstract Frame heartbeat(boolean occupied, double volts, double celsius);

    abstract Frame startup(boolean occupied);

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    /** The NPS405's 7-bit duration: exact minutes to 89, then 5-minute steps to 240, hours to 600, 127 beyond. */
    static int compress(long minutes) {
        if (minutes < 90) {
            return (int) Math.max(0, minutes);
        } else if (minutes < 240) {
            return 90 + (int) ((minutes - 90) / 5);
        } else if (minutes < 660) {
            return 120 + (int) ((minutes - 240) / 60);
        }
        return 127;
    }

    private static byte[] dingtek(int model, int length, int type, boolean occupied, double volts) {
        byte[] p = new byte[length];
        p[0] = (byte) 0x80;
        p[2] = (byte) model;
        p[3] = (byte) type;
        p[4] = (byte) length;
        p[7] = (byte) (occupied ? 0x10 : 0x00);
        int centivolts = (int) Math.round(volts * 100);
        p[9] = (byte) (centivolts >> 8);
        p[10] = (byte) centivolts;
        p[length - 1] = (byte) 0x81;
        return p;
    }
}
