package org.urbis.api.device;

/** The type of a point's value, and the Java type values of it carry. */
public enum DataType {
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Long}. */
    INTEGER,
    /** {@link Double}. */
    FLOAT,
    /** {@link String}. */
    STRING;

    /**
     * Converts a raw value to this type's Java type.
     *
     * @throws IllegalArgumentException naming the value and the type when it cannot be converted
     *         without loss (a fractional number to INTEGER, "maybe" to BOOLEAN, ...)
     */
    public Object coerce(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("no value given for a " + this + " point");
        }
        return switch (this) {
            case BOOLEAN -> toBoolean(raw);
            case INTEGER -> toLong(raw);
            case FLOAT -> toFloat(raw);
            case STRING -> raw.toString();
        };
    }

    private Boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        return switch (raw.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw mismatch(raw);
        };
    }

    private Long toLong(Object raw) {
        if (raw instanceof Long l) {
            return l;
        }
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        double d = toDouble(raw);
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 9.007199254740992E15) {
            throw mismatch(raw);
        }
        return (long) d;
    }

    private Double toFloat(Object raw) {
        if (raw instanceof Double d) {
            return d;
        }
        double f = toDouble(raw);
        if (Double.isNaN(f)) {
            throw mismatch(raw);
        }
        return f;
    }

    private double toDouble(Object raw) {
        if (raw instanceof Float f) {
            return Double.parseDouble(f.toString()); // 3.42f is 3.42, not 3.4200000762939453
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof Boolean b) {
            return b ? 1 : 0;
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw mismatch(raw);
        }
    }

    private IllegalArgumentException mismatch(Object raw) {
        return new IllegalArgumentException("'" + raw + "' is not a valid " + this + " value");
    }
}
