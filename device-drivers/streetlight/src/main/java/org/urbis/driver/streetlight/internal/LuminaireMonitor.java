package org.urbis.driver.streetlight.internal;

import java.time.Clock;
import java.util.Map;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;

/**
 * The streetlight rules applied to one luminaire node: silent (no message for longer than
 * {@link DriverSettings#silentAfter()}), an unreadable status, lamp failure (reported failed, or lit
 * and drawing too little power) and day-burner (lit while the sun is up). Reports health and raises
 * or clears alarms through the device's callback, each only when it changes. Called under the lock
 * of the node's {@link LuminaireSession}.
 */
final class LuminaireMonitor {

    static final String ALARM_LAMP = "LAMP_FAILURE";
    static final String ALARM_DAY_BURNER = "DAY_BURNER";
    static final String ALARM_SILENT = "NODE_SILENT";

    private final Device device;
    private final DeviceCallback callback;
    private final DriverSettings settings;
    private final Daylight daylight;
    private final Clock clock;

    private long lastMessageNanos;
    private boolean silent;
    private String unreadable;
    /** Relay on and dim above zero, as last reported: judged on every tick, so kept rather than looked up. */
    private boolean lit;

    private boolean lampFailed;
    /** The status fields the lamp-failure message names, as last reported. */
    private Object lamp;

    private Object power;
    private Object dim;
    /** The alarms as last raised or cleared. */
    private boolean silentAlarm;

    private boolean lampAlarm;
    private boolean dayBurner;
    /** The health as last reported; null before the first evaluation. */
    private HealthStatus reportedStatus;

    private HealthDetail reportedDetail;
    private String reportedMessage = "";

    LuminaireMonitor(Device device, DeviceCallback callback, DriverSettings settings, Daylight daylight, Clock clock) {
        this.device = device;
        this.callback = callback;
        this.settings = settings;
        this.daylight = daylight;
        this.clock = clock;
        this.lastMessageNanos = System.nanoTime();
    }

    /** A status was read; {@code fields} are all the node's status fields as last reported. */
    void status(Map<String, Object> fields) {
        heard();
        unreadable = null;
        lamp = fields.get("lamp");
        power = fields.get("power");
        dim = fields.get("dim");
        lit = Boolean.TRUE.equals(fields.get("relay")) && dim instanceof Double d && d > 0;
        lampFailed = "FAILED".equals(lamp) || lit && power instanceof Double p && p < settings.lampFailureMinW();
        evaluate();
    }

    /** A status arrived that could not be read. */
    void unreadable(String why) {
        heard();
        unreadable = why;
        evaluate();
    }

    /** An acknowledgement arrived: the node is alive. */
    void acknowledged() {
        boolean wasSilent = silent;
        heard();
        if (wasSilent) {
            evaluate();
        }
    }

    /** Runs every driver tick: silence and daylight change without any message arriving. */
    void tick(long nowNanos) {
        if (!silent && nowNanos - lastMessageNanos > settings.silentAfter().toNanos()) {
            silent = true;
        }
        evaluate();
    }

    /** Whether the node's last status can answer a read: it is heard from and its status was readable. */
    boolean statusUsable() {
        return !silent && unreadable == null;
    }

    /** Any message proves the node is alive. */
    private void heard() {
        lastMessageNanos = System.nanoTime();
        silent = false;
    }

    private boolean burningByDay() {
        return lit && !lampFailed && device.location() != null && daylight.sunUp(clock.instant(), device.location());
    }

    /** Reports the health the conditions call for, and raises or clears the alarms, when they change. */
    private void evaluate() {
        boolean burner = burningByDay();
        HealthStatus status;
        HealthDetail detail;
        String message;
        if (silent) {
            status = HealthStatus.OFFLINE;
            detail = HealthDetail.SILENT;
            message = silence();
        } else if (unreadable != null) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.COMMUNICATION_ERROR;
            message = "the node's last status was unreadable: " + unreadable;
        } else if (lampFailed) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.LAMP_FAILURE;
            message = lampFailure();
        } else if (burner) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.DEVICE_FAULT;
            message = "lamp on while the sun is up (day-burner)";
        } else {
            status = HealthStatus.ONLINE;
            detail = HealthDetail.NONE;
            message = "";
        }
        if (status != reportedStatus || detail != reportedDetail || !message.equals(reportedMessage)) {
            boolean first = reportedStatus == null;
            reportedStatus = status;
            reportedDetail = detail;
            reportedMessage = message;
            // the first ONLINE needs no report: the platform sets it with the first values
            if (!(first && status == HealthStatus.ONLINE)) {
                callback.health(status, detail, message);
            }
        }
        if (silent != silentAlarm) {
            silentAlarm = silent;
            callback.alarm(ALARM_SILENT, AlarmSeverity.MAJOR, silent, silent ? silence() : "the node reports again");
        }
        if (lampFailed != lampAlarm) {
            lampAlarm = lampFailed;
            callback.alarm(
                    ALARM_LAMP, AlarmSeverity.MAJOR, lampFailed, lampFailed ? lampFailure() : "lamp works again");
        }
        boolean burnerNow = burner && !silent;
        if (burnerNow != dayBurner) {
            dayBurner = burnerNow;
            callback.alarm(
                    ALARM_DAY_BURNER,
                    AlarmSeverity.WARNING,
                    burnerNow,
                    burnerNow ? "lamp on while the sun is up" : "lamp no longer burning by day");
        }
    }

    private String silence() {
        return "no message from the node for more than "
                + settings.silentAfter().toSeconds() + " s";
    }

    private String lampFailure() {
        return "lamp failed (lamp " + orUnknown(lamp) + ", " + orUnknown(power) + " W at dim " + orUnknown(dim) + " %)";
    }

    private static Object orUnknown(Object field) {
        return field == null ? "?" : field;
    }
}
