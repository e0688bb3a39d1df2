package org.urbis.driver.parking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;

/**
 * The parking rules applied to one bay's sensor: the heartbeat (a sensor unheard for its allowed
 * intervals is overdue), low battery, tamper and sensor fault. Raises and clears the alarms and
 * reports health through the device's callback, each only when it changes. Called under the lock of
 * the bay's {@link BaySession}.
 */
final class BayMonitor {

    static final String ALARM_LOW_BATTERY = "LOW_BATTERY";
    static final String ALARM_MISSED_HEARTBEAT = "MISSED_HEARTBEAT";
    static final String ALARM_TAMPER = "TAMPER";
    static final String ALARM_SENSOR_FAULT = "SENSOR_FAULT";

    private final Device device;
    private final BayOptions options;
    private final DeviceCallback callback;
    private final ParkingDriver driver;
    private final ParkingDriverSettings settings;
    private final Clock clock;

    private Instant lastHeard;
    private boolean overdue;
    private boolean lowBattery;
    private boolean tamper;
    private String fault;
    /** Alarm type → whether it was last raised. */
    private final Map<String, Boolean> alarms = new HashMap<>();

    private HealthStatus reportedStatus;
    private HealthDetail reportedDetail;

    BayMonitor(
            Device device,
            BayOptions options,
            DeviceCallback callback,
            ParkingDriver driver,
            ParkingDriverSettings settings,
            Clock clock) {
        this.device = device;
        this.options = options;
        this.callback = callback;
        this.driver = driver;
        this.settings = settings;
        this.clock = clock;
        this.lastHeard = clock.instant();
    }

    /** Any frame or status proves the sensor is alive. */
    void heard() {
        lastHeard = clock.instant();
    }

    Instant lastHeard() {
        return lastHeard;
    }

    boolean overdue() {
        return overdue;
    }

    /** A battery level: low below the configured percentage. */
    void battery(double percent) {
        lowBattery = percent < settings.lowBatteryPercent();
    }

    /** The sensor's own low-battery flag. */
    void lowBattery(boolean low) {
        lowBattery = low;
    }

    void tamper(boolean tamper) {
        this.tamper = tamper;
    }

    /** The fault the sensor reports, or null for none. */
    void fault(String fault) {
        this.fault = fault;
    }

    /**
     * Checks the heartbeat and raises or clears MISSED_HEARTBEAT when that changes.
     *
     * @return whether the sensor has just become overdue
     */
    boolean checkHeartbeat() {
        Duration allowed = Duration.ofMillis(
                (long) (options.heartbeat().orElse(settings.heartbeat()).toMillis() * settings.missedAllowed()));
        boolean late = clock.instant().isAfter(lastHeard.plus(allowed));
        if (late == overdue) {
            return false;
        }
        overdue = late;
        driver.alarm(
                callback,
                ALARM_MISSED_HEARTBEAT,
                AlarmSeverity.WARNING,
                late,
                late
                        ? device.id() + " has not been heard since " + lastHeard + " (heartbeat every "
                                + options.heartbeat()
                                        .orElse(settings.heartbeat())
                                        .toMinutes() + " min): its bay is UNKNOWN"
                        : device.id() + " is heard again");
        return late;
    }

    /**
     * Raises or clears the battery, tamper and fault alarms, and reports the health they call for when it changes.
     *
     * @param heardAny whether a frame has come from the sensor since the session began
     * @return the bay's health as its {@code health} point reads it, or null while there is nothing to say yet
     */
    String judge(boolean heardAny) {
        alarm(ALARM_LOW_BATTERY, AlarmSeverity.WARNING, lowBattery, "battery of " + device.id() + " is low");
        alarm(
                ALARM_TAMPER,
                AlarmSeverity.MAJOR,
                tamper,
                device.id() + " reports tampering, magnetic interference or an obstruction");
        alarm(ALARM_SENSOR_FAULT, AlarmSeverity.MAJOR, fault != null, device.id() + " reports a fault: " + fault);

        HealthStatus status = HealthStatus.ONLINE;
        HealthDetail detail = HealthDetail.NONE;
        String health = "OK";
        String message = "";
        if (overdue) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.SILENT;
            health = "SILENT";
            message = "no frame since " + lastHeard;
        } else if (fault != null) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.DEVICE_FAULT;
            health = "FAULT";
            message = fault;
        } else if (tamper) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.DEVICE_FAULT;
            health = "SUSPECT";
            message = "tamper, interference or obstruction reported: occupancy may be wrong";
        } else if (lowBattery) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.LOW_BATTERY;
            health = "LOW_BATTERY";
            message = "battery low";
        }
        if (!heardAny && !overdue) {
            return null; // nothing heard yet: nothing to say
        }
        if (status != reportedStatus || detail != reportedDetail) {
            reportedStatus = status;
            reportedDetail = detail;
            callback.health(status, detail, message);
        }
        return health;
    }

    private void alarm(String type, AlarmSeverity severity, boolean active, String message) {
        Boolean was = alarms.put(type, active);
        if (was == null ? active : was != active) {
            driver.alarm(callback, type, severity, active, active ? message : type + " cleared on " + device.id());
        }
    }
}
