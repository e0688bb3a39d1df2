package org.urbis.api.device;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value a device exposes: a measurement, a status or a setpoint.
 *
 * @param name      unique within its device, e.g. {@code dim}, {@code pressure}
 * @param type      the value's data type
 * @param unit      engineering unit such as {@code %}, {@code bar}, {@code kWh}; empty when none
 * @param access    read, write or both
 * @param limits    the valid range in engineering units
 * @param deadband  smallest change worth reporting by exception (0 reports every change)
 * @param address   where the driver finds the point on the device (a register, a DNP3 index, a
 *                  JSON field); its syntax belongs to the driver, empty when the driver knows
 * @param selectBeforeOperate whether a command must select the point before operating it
 * @param options   further driver-specific settings (scale, word order, ...)
 */
public record Point(
        String name,
        DataType type,
        String unit,
        Access access,
        EngineeringLimits limits,
        double deadband,
        String address,
        boolean selectBeforeOperate,
        Map<String, String> options) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public Point {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("point name '" + name
                    + "' must start with a letter and use only letters, digits, '_', '.' and '-'");
        }
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        access = access == null ? Access.READ : access;
        limits = limits == null ? EngineeringLimits.NONE : limits;
        if (!(deadband >= 0)) {
            throw new IllegalArgumentException("deadband of point '" + name + "' must be >= 0, not " + deadband);
        }
        if (type != DataType.FLOAT && type != DataType.INTEGER && !limits.equals(EngineeringLimits.NONE)) {
            throw new IllegalArgumentException("point '" + name + "' of type " + type + " cannot have numeric limits");
        }
        if (selectBeforeOperate && !access.writable()) {
            throw new IllegalArgumentException(
                    "point '" + name + "' is read-only and cannot require select-before-operate");
        }
        address = address == null ? "" : address;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /**
     * What the point means to its driver's logic: its option {@code role}, or else its name. Lets a
     * profile name a point as it likes while the driver still finds its pressure or its breaker.
     *
     * @since 1.1
     */
    public String role() {
        return options.getOrDefault("role", name);
    }

    /** Starts a builder for a read-only point without limits. */
    public static Builder builder(String name, DataType type) {
        return new Builder(name, type);
    }

    /** Whether a numeric value lies within this point's limits (always true for non-numeric points). */
    public boolean withinLimits(Object value) {
        return !(value instanceof Number n) || limits.contains(n.doubleValue());
    }

    /** Builds a {@link Point} step by step; every field but name and type has a default. */
    public static final class Builder {
        private final String name;
        private final DataType type;
        private String unit = "";
        private Access access = Access.READ;
        private EngineeringLimits limits = EngineeringLimits.NONE;
        private double deadband;
        private String address = "";
        private boolean selectBeforeOperate;
        private Map<String, String> options = Map.of();

        private Builder(String name, DataType type) {
            this.name = name;
            this.type = type;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder access(Access access) {
            this.access = access;
            return this;
        }

        public Builder limits(Double min, Double max) {
            this.limits = new EngineeringLimits(min, max, limits.maxRatePerSecond());
            return this;
        }

        public Builder limits(EngineeringLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder deadband(double deadband) {
            this.deadband = deadband;
            return this;
        }

        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public Builder selectBeforeOperate(boolean sbo) {
            this.selectBeforeOperate = sbo;
            return this;
        }

        public Builder options(Map<String, String> options) {
            this.options = options;
            return this;
        }

        public Point build() {
            return new Point(name, type, unit, access, limits, deadband, address, selectBeforeOperate, options);
        }
    }
}
