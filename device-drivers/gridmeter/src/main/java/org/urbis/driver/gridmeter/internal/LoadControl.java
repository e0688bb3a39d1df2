package org.urbis.driver.gridmeter.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * Load-control events carried out on a meter through the points its profile maps: the event id to
 * {@code loadControlEvent}, the target to {@code loadControlTarget} and, where mapped, the criticality (0 for none
 * given) to {@code loadControlCriticality} (analog outputs), then
 * {@code loadControlActive} switched on (a CROB) at the start and off at the end or on cancel. A start in the
 * future, or delayed by {@code randomize}, is held here until it is due.
 *
 * <p>The {@code loadControl} point reads back as the command last written while the device's status shows it
 * in force (the event active with its id, a start still pending, or a cancelled event no longer active), so that
 * the command pipeline confirms it; otherwise as the device's state, e.g. {@code {"active":false}}.
 */
final class LoadControl {

    private static final Logger LOG = LoggerFactory.getLogger(LoadControl.class);
    private static final Duration SCHEDULED_TIMEOUT = Duration.ofSeconds(30);

    /** Commands one point of the device and tells the outstation's answer; fails when the device was not reached. */
    interface Operator {
        void operate(Point point, Object value, Duration timeout) throws DriverException, InterruptedException;
    }

    private final Device device;
    private final Operator operator;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Function<String, Value> latest;
    private final Point target;
    private final Point event;
    private final Point active;
    private final Point criticality;
    private String lastJson;
    private LoadControlEvent last;
    private ScheduledFuture<?> pendingStart;
    private ScheduledFuture<?> pendingEnd;

    LoadControl(
            Device device,
            Operator operator,
            ScheduledExecutorService scheduler,
            Clock clock,
            Function<String, Value> latest) {
        this.device = device;
        this.operator = operator;
        this.scheduler = scheduler;
        this.clock = clock;
        this.latest = latest;
        this.target = device.pointWithRole(Roles.LOAD_CONTROL_TARGET).orElseThrow();
        this.event = device.pointWithRole(Roles.LOAD_CONTROL_EVENT).orElseThrow();
        this.active = device.pointWithRole(Roles.LOAD_CONTROL_ACTIVE).orElseThrow();
        this.criticality = device.pointWithRole(Roles.LOAD_CONTROL_CRITICALITY).orElse(null);
    }

    /** Carries out a command written to the loadControl point; an immediate start reaches the device before it returns. */
    void apply(String json, Duration timeout) throws DriverException, InterruptedException {
        LoadControlEvent e;
        try {
            e = LoadControlEvent.parse(json);
        } catch (IllegalArgumentException ex) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, ex.getMessage());
        }
        if (e.criticality() > 0 && criticality == null) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, criticalityRefusal(device));
        }
        if (e.cancel()) {
            cancel(e, timeout);
        } else {
            Instant now = clock.instant();
            Instant at = (e.start() == null ? now : e.start())
                    .plusSeconds(
                            e.randomize() == 0 ? 0 : ThreadLocalRandom.current().nextLong(e.randomize() * 60L + 1));
            Instant end = at.plus(Duration.ofMinutes(e.duration()));
            if (!end.isAfter(now)) {
                throw new DriverException(QualityReason.CONFIGURATION_ERROR, "event " + e.event() + " ended at " + end);
            }
            cancelPending();
            if (!at.isAfter(now)) {
                start(e, timeout);
            } else {
                synchronized (this) {
                    pendingStart = scheduler.schedule(
                            () -> startLater(e), Duration.between(now, at).toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            synchronized (this) {
                pendingEnd = scheduler.schedule(
                        () -> endLater(e), Duration.between(now, end).toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        synchronized (this) {
            last = e;
            lastJson = json;
        }
    }

    /** Why a device refuses an event with a criticality. */
    static String criticalityRefusal(Device device) {
        return device.id() + " takes no criticality (its profile maps no loadControlCriticality output)";
    }

    /** The operations share the caller's timeout; the event's settings go first, the switch-on last. */
    private void start(LoadControlEvent e, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        operator.operate(event, (double) e.event(), left(deadline));
        operator.operate(target, e.target(), left(deadline));
        if (criticality != null) {
            operator.operate(criticality, (double) e.criticality(), left(deadline));
        }
        operator.operate(active, Boolean.TRUE, left(deadline));
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private void cancel(LoadControlEvent e, Duration timeout) throws DriverException, InterruptedException {
        synchronized (this) {
            if (last != null && last.event() == e.event()) {
                cancelPending();
            }
        }
        if (deviceEvent() == e.event() && Boolean.TRUE.equals(deviceActive())) {
            operator.operate(active, Boolean.FALSE, timeout);
        }
    }

    private void startLater(LoadControlEvent e) {
        try {
            start(e, SCHEDULED_TIMEOUT);
        } catch (DriverException ex) {
            LOG.warn("{}: load-control event {} did not start: {}", device.id(), e.event(), ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void endLater(LoadControlEvent e) {
        try {
            if (deviceEvent() == e.event()) {
                operator.operate(active, Boolean.FALSE, SCHEDULED_TIMEOUT);
            }
        } catch (DriverException ex) {
            LOG.warn("{}: load-control event {} did not end: {}", device.id(), e.event(), ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void cancelPending() {
        if (pendingStart != null) {
            pendingStart.cancel(false);
            pendingStart = null;
        }
        if (pendingEnd != null) {
            pendingEnd.cancel(false);
            pendingEnd = null;
        }
    }

    /** The loadControl point's value: the last command while the device shows it in force, else the device's state. */
    synchronized Value readback(Point point) {
        Boolean on = deviceActive();
        if (on == null) {
            return Value.bad(
                    point.name(), QualityReason.COMM_ERROR, "load-control status not reported yet", clock.instant());
        }
        long id = deviceEvent();
        boolean inForce = last != null
                && (last.cancel()
                        ? !(on && id == last.event())
                        : on && id == last.event() || pendingStart != null && !pendingStart.isDone());
        String state = on ? String.format(Locale.ROOT, "{\"active\":true,\"event\":%d}", id) : "{\"active\":false}";
        return new Value(
                point.name(), inForce ? lastJson : state, clock.instant(), Quality.GOOD, QualityReason.NONE, "");
    }

    private Boolean deviceActive() {
        Value v = latest.apply(active.name());
        return v != null && v.quality() != Quality.BAD && v.value() instanceof Boolean b ? b : null;
    }

    private long deviceEvent() {
        Value v = latest.apply(event.name());
        return v != null && v.quality() != Quality.BAD && v.value() instanceof Number n
                ? Math.round(n.doubleValue())
                : -1;
    }

    void close() {
        cancelPending();
    }
}
