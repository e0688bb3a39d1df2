package org.urbis.driver.parking.internal;

import java.time.Duration;

/**
 * The parking driver's settings.
 *
 * @param heartbeat              the heartbeat interval of sensors whose device does not say
 * @param missedAllowed          intervals a bay may stay unheard before it is UNKNOWN
 * @param lowBatteryPercent      battery level below which LOW_BATTERY is raised
 * @param recalibrationUnknown   how long a recalibration may go unconfirmed before it is UNKNOWN
 * @param tick                   how often overdue heartbeats and recalibrations are checked
 */
public record DriverSettings(Duration heartbeat, double missedAllowed, double lowBatteryPercent,
        Duration recalibrationUnknown, Duration tick) {

    public DriverSettings {
        if (heartbeat.isNegative() || heartbeat.isZero() || recalibrationUnknown.isNegative() || recalibrationUnknown.isZero()
                || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("heartbeat.minutes, recalibration.unknownAfterHours must be positive");
        }
        if (!(missedAllowed >= 1)) {
            throw new IllegalArgumentException("heartbeat.missedAllowed must be at least 1, not " + missedAllowed);
        }
    }

    static DriverSettings from(ParkingConfig c) {
        return new DriverSettings(Duration.ofMinutes(c.heartbeat_minutes()), c.heartbeat_missedAllowed(),
                c.battery_lowPercent(), Duration.ofHours(c.recalibration_unknownAfterHours()), Duration.ofSeconds(10));
    }

    /** The configuration's defaults: for tests and tools. */
    public static DriverSettings defaults() {
        return new DriverSettings(Duration.ofMinutes(180), 2, 20, Duration.ofHours(24), Duration.ofSeconds(10));
    }

    public DriverSettings withHeartbeat(Duration heartbeat, Duration tick) {
        return new DriverSettings(heartbeat, missedAllowed, lowBatteryPercent, recalibrationUnknown, tick);
    }

    public DriverSettings withRecalibrationUnknown(Duration d) {
        return new DriverSettings(heartbeat, missedAllowed, lowBatteryPercent, d, tick);
    }
}
