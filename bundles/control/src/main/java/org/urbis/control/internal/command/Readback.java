package org.urbis.control.internal.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * Confirms a command sent by reading its point back until the value matches (CONFIRMED), disagrees when time is
 * up (FAILED), or none came (TIMED_OUT); a write-only point cannot confirm (UNKNOWN).
 *
 * <p>A point whose device shows a command's effect only much later (a LoRaWAN class-A sensor acts
 * on a downlink at its next uplink, hours away) declares it with the point option
 * {@value #CONFIRM_WITHIN}, an ISO-8601 duration such as {@code PT24H}: the readback goes on for that
 * long, less and less often (the pause doubles up to {@link #LATE_READBACK_PAUSE}), a readback that
 * does not match yet means "not yet" rather than FAILED, and a command not shown by then ends
 * UNKNOWN, since the device may still act on it.
 */
final class Readback {

    /** The point option declaring how long its device may take to show a command took effect. */
    static final String CONFIRM_WITHIN = "confirmWithin";
    /** The longest pause between readbacks of a point that declares {@link #CONFIRM_WITHIN}. */
    static final Duration LATE_READBACK_PAUSE = Duration.ofMinutes(1);

    /**
     * How a write is confirmed: within what time, and whether the device shows it only late (a
     * readback that disagrees is "not yet", the pauses between readbacks grow, the end is UNKNOWN).
     */
    record Confirmation(Duration within, boolean late) {
        static Confirmation late(Duration within) {
            return new Confirmation(within, true);
        }
    }

    private final DeviceIO io;
    private final ControlSettings settings;
    private final Executor executor;
    private final CommandAuditor auditor;

    /** @param executor runs the pauses between readbacks; no thread waits through them */
    Readback(DeviceIO io, ControlSettings settings, Executor executor, CommandAuditor auditor) {
        this.io = io;
        this.settings = settings;
        this.executor = executor;
        this.auditor = auditor;
    }

    /** The point's own confirmation window, when it declares one. */
    static Optional<Duration> confirmWithin(Point point) {
        String within = point.options().get(CONFIRM_WITHIN);
        if (within == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(within.trim());
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", within, 0);
            }
            return Optional.of(d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("point '" + point.name() + "' has option " + CONFIRM_WITHIN + " '"
                    + within + "', which is not a positive ISO-8601 duration such as PT24H");
        }
    }

    /** Reads the point of a command the device took back until the command is confirmed or its time is up; audits the end. */
    CompletionStage<CommandResult> confirm(DeviceCommand d) {
        return confirm(d, System.nanoTime() + d.confirmation().within().toNanos(), settings.confirmInterval(), null);
    }

    /**
     * Reads the point back until it matches or the confirmation deadline (of {@link System#nanoTime()},
     * as it measures a real wait) passes.
     */
    private CompletionStage<CommandResult> confirm(
            DeviceCommand d, long deadline, Duration pause, String lastMismatch) {
        Point point = d.point();
        Confirmation confirmation = d.confirmation();
        if (!point.access().readable()) {
            return auditor.finish(
                    d,
                    CommandState.SENT,
                    CommandState.UNKNOWN,
                    Refusal.NO_READBACK.because(
                            "point '" + point.name() + "' is write-only; the result cannot be read back"));
        }
        CompletionStage<List<Value>> read;
        try {
            read = io.read(d.deviceId(), List.of(point.name()), settings.ioTimeout());
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        return read.handle((values, error) -> {
                    String mismatch = lastMismatch;
                    if (error == null) {
                        Value v = values.stream()
                                .filter(x -> x.point().equals(point.name()))
                                .findFirst()
                                .orElse(null);
                        if (v != null && v.quality() != Quality.BAD && v.hasValue()) {
                            if (sameValue(point, d.value(), v.value())) {
                                return auditor.finish(d, CommandState.SENT, CommandState.CONFIRMED, "");
                            }
                            mismatch = "read back " + v.value() + ", expected " + d.value();
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (confirmation.late()) {
                        if (left <= 0) {
                            return auditor.finish(
                                    d,
                                    CommandState.SENT,
                                    CommandState.UNKNOWN,
                                    Refusal.NO_READBACK.because(
                                            "not shown by the device within " + confirmation.within() + " ("
                                                    + (mismatch != null
                                                            ? mismatch
                                                            : error == null
                                                                    ? "no readback"
                                                                    : String.valueOf(CommandPipeline.unwrap(error)))
                                                    + "); it may still take effect"));
                        }
                    } else if (settings.confirmInterval().toNanos() - left >= 0) {
                        return mismatch != null
                                ? auditor.finish(
                                        d,
                                        CommandState.SENT,
                                        CommandState.FAILED,
                                        Refusal.READBACK_MISMATCH.because(mismatch))
                                : auditor.finish(
                                        d,
                                        CommandState.SENT,
                                        CommandState.TIMED_OUT,
                                        Refusal.NO_READBACK.because("no readback within " + settings.confirmTimeout()
                                                + (error == null ? "" : " (" + CommandPipeline.unwrap(error) + ")")));
                    }
                    String m = mismatch;
                    // A late point's last readback falls on its deadline, so that UNKNOWN comes on time.
                    long wait = confirmation.late() ? Math.min(pause.toNanos(), left) : pause.toNanos();
                    Duration next = confirmation.late() ? min(pause.multipliedBy(2), LATE_READBACK_PAUSE) : pause;
                    Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, executor);
                    return CompletableFuture.supplyAsync(() -> confirm(d, deadline, next, m), later)
                            .thenCompose(s -> s);
                })
                .thenCompose(s -> s);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Equality of two values of a point: within a tolerance for floats. */
    static boolean sameValue(Point point, Object expected, Object actual) {
        Object a;
        try {
            a = point.type().coerce(actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (point.type() == DataType.FLOAT) {
            double x = ((Number) expected).doubleValue();
            double y = ((Number) a).doubleValue();
            double tolerance = Math.max(point.deadband(), 1e-6 * Math.max(1, Math.abs(x)));
            return Math.abs(x - y) <= tolerance;
        }
        return Objects.equals(expected, a);
    }
}
