package org.urbis.driver.gridmeter.internal;

import static org.urbis.api.value.Quality.BAD;
import static org.urbis.api.value.Quality.UNCERTAIN;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.dnp3.AnalogOutput;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.Measurement;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;

/**
 * Where a point lives on a DNP3 outstation and how its value is scaled and commanded.
 *
 * <p>Address: {@code bi:N} binary input, {@code dbi:N} double-bit input, {@code bo:N} binary output status
 * (written by CROB g12v1), {@code ctr:N} counter, {@code fctr:N} frozen counter, {@code ai:N} analog input,
 * {@code ao:N} analog output status (written by g41). Options: {@code scale}, {@code offset}
 * (engineering = raw × scale + offset), {@code class} (the event class the outstation reports the point in,
 * 0-3, shown to operators), {@code crob} for {@code bo} points ({@code latch}: LATCH_ON / LATCH_OFF, the
 * default; {@code pulse}: PULSE_ON for true and PULSE_OFF for false with {@code onMillis}/{@code offMillis};
 * {@code tripClose}: a pulse with the CLOSE code for true and TRIP for false), {@code aoType} for {@code ao}
 * points ({@code float32}, the default, {@code int32} or {@code int16}), {@code status} for {@code bo} points (the
 * binary or double-bit input, {@code bi:N} or {@code dbi:N}, that reports the state the output commands, such as a
 * breaker's auxiliary contacts: its events in class 1 report a trip at once, where an output status has no events
 * and waits for the next static poll), {@code role}.
 *
 * @param status where the point's value comes from: the input of option {@code status}, else the point itself
 */
record Dnp3Mapping(
        PointType type,
        int index,
        BigDecimal scale,
        BigDecimal offset,
        int eventClass,
        String crob,
        long onMillis,
        long offMillis,
        AnalogOutput.Encoding aoType,
        Source status) {

    /** A DNP3 point the outstation reports. */
    record Source(PointType type, int index) {}

    private static final Map<String, PointType> PREFIXES = Map.of(
            "bi",
            PointType.BINARY_INPUT,
            "dbi",
            PointType.DOUBLE_BIT_BINARY_INPUT,
            "bo",
            PointType.BINARY_OUTPUT_STATUS,
            "ctr",
            PointType.COUNTER,
            "fctr",
            PointType.FROZEN_COUNTER,
            "ai",
            PointType.ANALOG_INPUT,
            "ao",
            PointType.ANALOG_OUTPUT_STATUS);
    private static final Set<String> OPTIONS =
            Set.of("scale", "offset", "class", "crob", "onMillis", "offMillis", "aoType", "status", "role");
    private static final Set<String> CROBS = Set.of("latch", "pulse", "tripClose");

    Dnp3Mapping {
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("a DNP3 point index is 0-65535, not " + index);
        }
        if (scale.signum() == 0) {
            throw new IllegalArgumentException("scale must not be 0");
        }
        if (eventClass < 0 || eventClass > 3) {
            throw new IllegalArgumentException("event class is 0-3, not " + eventClass);
        }
        if (!CROBS.contains(crob)) {
            throw new IllegalArgumentException("crob is latch, pulse or tripClose, not '" + crob + "'");
        }
        if (onMillis < 0 || offMillis < 0) {
            throw new IllegalArgumentException("CROB times must not be negative");
        }
    }

    /** Whether the address names a DNP3 point (it may still be malformed). */
    static boolean isDnp3(String address) {
        int colon = address.indexOf(':');
        return colon > 0 && PREFIXES.containsKey(address.substring(0, colon));
    }

    static Dnp3Mapping of(Point p) {
        String address = p.address().trim();
        int colon = address.indexOf(':');
        PointType type = colon > 0 ? PREFIXES.get(address.substring(0, colon)) : null;
        if (type == null) {
            throw new IllegalArgumentException("address '" + address
                    + "' is not a DNP3 point (bi:N, dbi:N, bo:N, ctr:N, " + "fctr:N, ai:N, ao:N)");
        }
        for (String key : p.options().keySet()) {
            if (!OPTIONS.contains(key) && !key.startsWith("x-")) {
                throw new IllegalArgumentException(
                        "unknown option '" + key + "' (known: " + new java.util.TreeSet<>(OPTIONS) + ")");
            }
        }
        Map<String, String> o = p.options();
        String aoType = o.getOrDefault("aoType", "float32");
        AnalogOutput.Encoding encoding = switch (aoType) {
            case "float32" -> AnalogOutput.Encoding.FLOAT32;
            case "int32" -> AnalogOutput.Encoding.INT32;
            case "int16" -> AnalogOutput.Encoding.INT16;
            default -> throw new IllegalArgumentException("aoType is float32, int32 or int16, not '" + aoType + "'");
        };
        int index = integer(address.substring(colon + 1), "index");
        Dnp3Mapping m = new Dnp3Mapping(
                type,
                index,
                decimal(o, "scale", "1"),
                decimal(o, "offset", "0"),
                integer(o.getOrDefault("class", "0"), "class"),
                o.getOrDefault("crob", "latch"),
                integer(o.getOrDefault("onMillis", "1000"), "onMillis"),
                integer(o.getOrDefault("offMillis", "0"), "offMillis"),
                encoding,
                o.containsKey("status") ? status(type, o.get("status")) : new Source(type, index));
        boolean binary = type == PointType.BINARY_INPUT
                || type == PointType.DOUBLE_BIT_BINARY_INPUT
                || type == PointType.BINARY_OUTPUT_STATUS;
        if (binary != (p.type() == DataType.BOOLEAN)
                && !(type == PointType.DOUBLE_BIT_BINARY_INPUT && p.type() == DataType.INTEGER)) {
            throw new IllegalArgumentException(
                    "point is " + p.type() + " but " + address + " holds " + (binary ? "a binary state" : "a number"));
        }
        if (p.access().writable() && type != PointType.BINARY_OUTPUT_STATUS && type != PointType.ANALOG_OUTPUT_STATUS) {
            throw new IllegalArgumentException(
                    "point is writable but " + address + " is read-only (only bo and ao points are " + "commanded)");
        }
        return m;
    }

    /** The input that reports a {@code bo} point's state: {@code bi:N} or {@code dbi:N}. */
    private static Source status(PointType type, String status) {
        String s = status.trim();
        int colon = s.indexOf(':');
        PointType input = colon > 0 ? PREFIXES.get(s.substring(0, colon)) : null;
        if (type != PointType.BINARY_OUTPUT_STATUS) {
            throw new IllegalArgumentException("option status is for bo points only");
        }
        if (input != PointType.BINARY_INPUT && input != PointType.DOUBLE_BIT_BINARY_INPUT) {
            throw new IllegalArgumentException("option status names the input that reports the output's state, bi:N or "
                    + "dbi:N, not '" + status + "'");
        }
        int index = integer(s.substring(colon + 1), "the status input's index");
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("a DNP3 point index is 0-65535, not " + index);
        }
        return new Source(input, index);
    }

    /** The engineering value of a raw DNP3 value, in the point's data type. */
    Object value(DataType dataType, double raw) {
        if (!Double.isFinite(raw) && dataType != DataType.BOOLEAN) {
            return raw; // a NaN or infinite float: the platform marks it, there is nothing to scale
        }
        return switch (dataType) {
            case BOOLEAN -> status.type() == PointType.DOUBLE_BIT_BINARY_INPUT ? raw == 2 : raw != 0;
            case INTEGER -> engineering(raw).longValue();
            default -> engineering(raw).doubleValue();
        };
    }

    /**
     * The value of a measurement of this point: timestamped with the outstation's time when the object carries one
     * (else {@code received}), its DNP3 flags turned into a quality with a reason naming the flag.
     */
    Value value(Point p, Measurement m, Instant received) {
        Instant at = m.time().orElse(received);
        Object v = value(p.type(), m.value());
        Set<Quality> flags = m.quality();
        if (flags.contains(Quality.COMM_LOST)) {
            return new Value(
                    p.name(),
                    v,
                    at,
                    BAD,
                    QualityReason.COMM_ERROR,
                    "COMM_LOST: the outstation lost its " + "source of this point");
        }
        if (!flags.contains(Quality.ONLINE)) {
            return new Value(
                    p.name(), v, at, BAD, QualityReason.DEVICE_ERROR, "the outstation reports the point " + "offline");
        }
        if (flags.contains(Quality.RESTART)) {
            return new Value(
                    p.name(),
                    v,
                    at,
                    UNCERTAIN,
                    QualityReason.STALE,
                    "RESTART: not updated since the " + "outstation restarted");
        }
        if (flags.contains(Quality.OVER_RANGE)) {
            return new Value(p.name(), v, at, UNCERTAIN, QualityReason.OUT_OF_RANGE, "OVER_RANGE at the outstation");
        }
        for (Quality q : Set.of(Quality.LOCAL_FORCED, Quality.REMOTE_FORCED, Quality.REFERENCE_ERR, Quality.CHATTER)) {
            if (flags.contains(q)) {
                return new Value(p.name(), v, at, UNCERTAIN, QualityReason.DEVICE_ERROR, q + " at the outstation");
            }
        }
        if (intermediate(m.value())) {
            return new Value(
                    p.name(),
                    v,
                    at,
                    UNCERTAIN,
                    QualityReason.DEVICE_ERROR,
                    "the double-bit input is " + (m.value() == 0 ? "in transit" : "indeterminate"));
        }
        return Value.good(p.name(), v, at);
    }

    /** Whether a double-bit input is in transit or indeterminate (00 or 11), so its BOOLEAN reading is uncertain. */
    boolean intermediate(double raw) {
        return status.type() == PointType.DOUBLE_BIT_BINARY_INPUT && (raw == 0 || raw == 3);
    }

    /** Scaled in decimal from the shortest digits of the raw value: a float32 228.3 stays 228.3, not 228.3000030517578. */
    private BigDecimal engineering(double raw) {
        String digits = (double) (float) raw == raw ? Float.toString((float) raw) : Double.toString(raw);
        return new BigDecimal(digits).multiply(scale).add(offset);
    }

    /** The CROB that commands this point to {@code on}. */
    Crob crob(boolean on) {
        return switch (crob) {
            case "pulse" ->
                on
                        ? Crob.pulseOn(onMillis, offMillis)
                        : new Crob(Crob.Operation.PULSE_OFF, Crob.TripClose.NUL, false, 1, onMillis, offMillis);
            case "tripClose" -> Crob.pulse(on ? Crob.TripClose.CLOSE : Crob.TripClose.TRIP, onMillis);
            default -> on ? Crob.latchOn() : Crob.latchOff();
        };
    }

    /** The g41 object that sets this point to the engineering value {@code value}. */
    AnalogOutput analogOutput(double value) {
        double raw = BigDecimal.valueOf(value)
                .subtract(offset)
                .divide(scale, java.math.MathContext.DECIMAL64)
                .doubleValue();
        return new AnalogOutput(aoType, aoType == AnalogOutput.Encoding.FLOAT32 ? raw : Math.rint(raw));
    }

    String label() {
        return switch (type) {
                    case BINARY_INPUT -> "bi";
                    case DOUBLE_BIT_BINARY_INPUT -> "dbi";
                    case BINARY_OUTPUT_STATUS -> "bo";
                    case COUNTER -> "ctr";
                    case FROZEN_COUNTER -> "fctr";
                    case ANALOG_INPUT -> "ai";
                    case ANALOG_OUTPUT_STATUS -> "ao";
                }
                + ":" + index;
    }

    private static BigDecimal decimal(Map<String, String> o, String key, String dflt) {
        String v = o.getOrDefault(key, dflt).trim();
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a number, not '" + v + "'");
        }
    }

    private static int integer(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not '" + s + "'");
        }
    }
}
