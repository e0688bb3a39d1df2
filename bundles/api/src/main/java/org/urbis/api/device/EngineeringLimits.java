package org.urbis.api.device;

/**
 * The range a point's value may take in engineering units. Values outside it are reported with
 * quality UNCERTAIN / OUT_OF_RANGE; setpoints outside it are never sent to a device.
 *
 * @param min lowest valid value, or {@code null} for none
 * @param max highest valid value, or {@code null} for none
 * @param maxRatePerSecond largest change per second a setpoint may ask for, or {@code null}
 */
public record EngineeringLimits(Double min, Double max, Double maxRatePerSecond) {

    /** No limits at all. */
    public static final EngineeringLimits NONE = new EngineeringLimits(null, null, null);

    public EngineeringLimits {
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " is greater than max " + max);
        }
        if (maxRatePerSecond != null && !(maxRatePerSecond > 0)) {
            throw new IllegalArgumentException("maxRate must be positive, not " + maxRatePerSecond);
        }
        if ((min != null && min.isNaN()) || (max != null && max.isNaN())) {
            throw new IllegalArgumentException("limits must be numbers");
        }
    }

    /** True when {@code v} lies within [min, max]. */
    public boolean contains(double v) {
        return (min == null || v >= min) && (max == null || v <= max);
    }

    /** A human-readable range such as {@code [0, 100]} or {@code [0, ∞)}. */
    public String range() {
        return (min == null ? "(-∞" : "[" + fmt(min)) + ", " + (max == null ? "∞)" : fmt(max) + "]");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
