package org.urbis.driver.parking.internal;

import java.time.Duration;

/**
 * The parking driver's settings.
 *
 * @param heartbeat              the heartbeat interval of sensors whose device does not say
 * @param missedAllowed          intervals a bay may stay unheard before it is UNKNOWN
 * @param lowBatteryPercent      battery level below which LOW_BATTERY is raised
 * @param tick                   how often overdue heartbeats and recalibrations are checked
 */
public record ParkingDriverSettings(Duration heartbeat, double missedAllowed, double lowBatteryPercent, Duration tick) {

    public ParkingDriverSettings {
        if (heartbeat.isNegative() || heartbeat.isZero() || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("heartbeat.minutes must be positive");
        }
        if (!(missedAllowed >= 1)) {
            throw new IllegalArgumentException("heartbeat.missedAllowed must be at least 1, not " + missedAllowed);
        }
    }

    static ParkingDriverSettings from(ParkingDriverConfig c) {
        return new ParkingDriverSettings(
                Duration.ofMinutes(c.heartbeat_minutes()),
                c.heartbeat_missedAllowed(),
                c.battery_lowPercent(),
                Duration.ofSeconds(10));
    }

    /** The configuration's defaults: for tests and tools. */
    public static ParkingDriverSettings defaults() {
        return new ParkingDriverSettings(Duration.ofMinutes(180), 2, 20, Duration.ofSeconds(10));
    }

    public ParkingDriverSettings withHeartbeat(Duration heartbeat, Duration tick) {
        return new ParkingDriverSettings(heartbeat, missedAllowed, lowBatteryPercent, tick);
    }
}
