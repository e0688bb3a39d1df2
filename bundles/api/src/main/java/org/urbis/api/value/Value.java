package org.urbis.api.value;

import java.time.Instant;
import java.util.Objects;

/**
 * The value of one point at one moment.
 *
 * @param point     the point's name on its device
 * @param value     the value in engineering units, of the point's data type's Java type; {@code null}
 *                  only when quality is BAD and nothing was read
 * @param timestamp when the value was measured (source time, UTC), or when the failure happened
 * @param quality   how far it can be trusted
 * @param reason    why it is not GOOD ({@link QualityReason#NONE} when it is)
 * @param detail    a sentence for people, such as the exception code; empty when GOOD
 */
public record Value(
        String point, Object value, Instant timestamp, Quality quality, QualityReason reason, String detail) {

    public Value {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(quality, "quality");
        reason = reason == null ? QualityReason.NONE : reason;
        detail = detail == null ? "" : detail;
        if (quality == Quality.GOOD && reason != QualityReason.NONE) {
            throw new IllegalArgumentException("a GOOD value has no quality reason, got " + reason);
        }
        if (quality != Quality.GOOD && reason == QualityReason.NONE) {
            throw new IllegalArgumentException("a " + quality + " value needs a reason");
        }
        if (value == null && quality != Quality.BAD) {
            throw new IllegalArgumentException("only a BAD value may have no value");
        }
    }

    /** A value read successfully. */
    public static Value good(String point, Object value, Instant timestamp) {
        return new Value(
                point, Objects.requireNonNull(value, "value"), timestamp, Quality.GOOD, QualityReason.NONE, "");
    }

    /** A failed read: no value, with the reason. */
    public static Value bad(String point, QualityReason reason, String detail, Instant timestamp) {
        return new Value(point, null, timestamp, Quality.BAD, reason, detail);
    }

    /** The same value with another quality, keeping value and timestamp (e.g. marking it STALE). */
    public Value withQuality(Quality quality, QualityReason reason, String detail) {
        return new Value(point, value, timestamp, quality, reason, detail);
    }

    /** Whether a value was read at all (GOOD or UNCERTAIN). */
    public boolean hasValue() {
        return value != null;
    }

    /**
     * Whether this value is worth reporting after {@code before} with a point's deadband: its quality or
     * reason changed, a number moved by the deadband or more, or any other value changed.
     *
     * @since 1.1
     */
    public boolean differsBeyond(Value before, double deadband) {
        if (before.quality != quality || before.reason != reason) {
            return true;
        }
        if (deadband > 0 && before.value instanceof Number x && value instanceof Number y) {
            return Math.abs(x.doubleValue() - y.doubleValue()) >= deadband;
        }
        return !Objects.equals(before.value, value);
    }
}
