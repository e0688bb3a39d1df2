package org.urbis.control.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;

/**
 * The safety checks of a command on one device, before anything is sent: the point exists and can be written,
 * the device has its driver and is not in maintenance (unless the command is forced), the point's confirmation
 * window is usable, the value fits the point's type, limits and rate of change, and the device class's
 * interlocks agree; then, once select-before-operate let it through, the device's own rate limit.
 */
final class DeviceChecks {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceChecks.class);

    /** What the checks made of a command to one device: a {@link DeviceCommand} to send, or {@link Refused}. */
    interface Verdict {}

    /** Refused, with the point's last known value when the checks got as far as reading it. */
    record Refused(String why, Object old) implements Verdict {}

    /** The last setpoint sent to a point, for the rate-of-change check. */
    private record Sent(Object value, Instant at) {}

    private final Supplier<List<Interlock>> interlocks;
    /** The maintenance window in force on a device, if any. */
    private final Function<Device, Optional<MaintenanceWindow>> maintenance;

    private final ControlSettings settings;
    private final Map<String, TokenBucket> deviceBuckets = new ConcurrentHashMap<>();
    private final Map<String, Sent> lastSent = new ConcurrentHashMap<>();
    /** How the points that declare no confirmation window of their own are confirmed. */
    private final Readback.Confirmation prompt;

    DeviceChecks(
            Supplier<List<Interlock>> interlocks,
            Function<Device, Optional<MaintenanceWindow>> maintenance,
            ControlSettings settings) {
        this.interlocks = interlocks;
        this.maintenance = maintenance;
        this.settings = settings;
        this.prompt = new Readback.Confirmation(settings.confirmTimeout(), false);
    }

    Verdict check(Command command, DeviceSnapshot snapshot, Instant now) {
        Device device = snapshot.device();
        String id = device.id();
        Optional<Point> found = device.point(command.point());
        if (found.isEmpty()) {
            return new Refused(
                    Refusal.UNKNOWN_POINT.because("device " + id + " has no point '" + command.point() + "'"), null);
        }
        Point point = found.get();
        if (!point.access().writable()) {
            return new Refused(Refusal.NOT_WRITABLE.because("point '" + point.name() + "' is read-only"), null);
        }
        if (snapshot.health().status() == HealthStatus.DRIVER_MISSING) {
            return new Refused(
                    Refusal.DRIVER_MISSING.because("no driver '" + device.driver() + "' is installed"), null);
        }
        Optional<MaintenanceWindow> works = maintenance.apply(device);
        if (works.isPresent() && !command.force()) {
            MaintenanceWindow w = works.get();
            return new Refused(
                    Refusal.IN_MAINTENANCE.because("device " + id + " is in maintenance"
                            + (w.targetsGroup() ? " with " + w.target() : "") + " until " + w.end() + " by " + w.by()
                            + " ("
                            + w.reason() + "); force the command to send it anyway"),
                    null);
        }
        // Audited with the command's ACCEPTED record, so the log tells what was forced past whose window.
        String forced = works.map(
                        w -> "FORCED past maintenance of " + w.target() + " by " + w.by() + " (" + w.reason() + ")")
                .orElse(null);
        Readback.Confirmation confirmation;
        try {
            confirmation = Readback.confirmWithin(point)
                    .map(Readback.Confirmation::late)
                    .orElse(prompt);
        } catch (IllegalArgumentException e) {
            return new Refused(Refusal.INVALID_POINT.because(e.getMessage()), null);
        }
        Object typed;
        try {
            typed = point.type().coerce(command.value());
        } catch (IllegalArgumentException e) {
            return new Refused(Refusal.INVALID_VALUE.because(e.getMessage()), null);
        }
        if (!point.withinLimits(typed)) {
            return new Refused(
                    Refusal.OUT_OF_LIMITS.because(typed + " lies outside "
                            + point.limits().range() + (point.unit().isEmpty() ? "" : " " + point.unit())),
                    null);
        }
        Optional<Sent> last = lastKnown(snapshot, point);
        Object old = last.map(Sent::value).orElse(null);
        Optional<String> tooFast = rateOfChange(last, point, typed, now);
        if (tooFast.isPresent()) {
            return new Refused(Refusal.RATE_OF_CHANGE.because(tooFast.get()), old);
        }
        for (Interlock interlock : interlocks.get()) {
            if (!interlock.deviceClass().equals(device.deviceClass())) {
                continue;
            }
            Optional<String> refusal;
            try {
                refusal = interlock.check(device, point, typed, snapshot);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Interlock {} failed on {}; the command is refused",
                        interlock.getClass().getName(),
                        id,
                        e);
                refusal = Optional.of("the interlock " + interlock.getClass().getSimpleName() + " failed: " + e);
            }
            if (refusal.isPresent()) {
                return new Refused(Refusal.INTERLOCK.because(refusal.get()), old);
            }
        }
        return new DeviceCommand(command, id, point, typed, old, forced, confirmation);
    }

    /** Why the device is refused more commands now, if it is: it receives too many. */
    Optional<String> deviceRate(String id, Instant now) {
        if (!deviceBuckets
                .computeIfAbsent(id, k -> new TokenBucket(settings.deviceRatePerSecond(), settings.deviceBurst(), now))
                .tryTake(now)) {
            return Optional.of(Refusal.RATE_LIMITED.because("device " + id + " receives too many commands"));
        }
        return Optional.empty();
    }

    /** Remembers a setpoint the device took, for the rate of change of the commands after it. */
    void sent(DeviceCommand d, Instant at) {
        lastSent.put(d.deviceId() + "/" + d.point().name(), new Sent(d.value(), at));
    }

    /** The newer of the last value read and the last setpoint sent. */
    private Optional<Sent> lastKnown(DeviceSnapshot snapshot, Point point) {
        Value v = snapshot.values().get(point.name());
        Sent read = v != null && v.hasValue() ? new Sent(v.value(), v.timestamp()) : null;
        Sent sent = lastSent.get(snapshot.device().id() + "/" + point.name());
        if (read == null) {
            return Optional.ofNullable(sent);
        }
        return Optional.of(sent != null && sent.at().isAfter(read.at()) ? sent : read);
    }

    private static Optional<String> rateOfChange(Optional<Sent> last, Point point, Object typed, Instant now) {
        Double maxRate = point.limits().maxRatePerSecond();
        if (maxRate == null || !(typed instanceof Number target)) {
            return Optional.empty();
        }
        if (last.isEmpty() || !(last.get().value() instanceof Number from)) {
            return Optional.empty();
        }
        double change = Math.abs(target.doubleValue() - from.doubleValue());
        double seconds = Math.max(Duration.between(last.get().at(), now).toNanos() / 1e9, 1e-3);
        if (change / seconds > maxRate) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "from %s to %s in %.3f s is %.3g/s, more than the %s/s allowed",
                    from,
                    target,
                    seconds,
                    change / seconds,
                    maxRate));
        }
        return Optional.empty();
    }
}
