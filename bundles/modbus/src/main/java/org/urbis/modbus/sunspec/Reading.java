package org.urbis.modbus.sunspec;

/**
 * A SunSpec point's value in its SunSpec unit with its scale factor applied, or why it has none.
 *
 * @param value   the value; meaningful only when {@link #ok()}
 * @param problem why there is no value (not implemented, scale factor out of range); {@code null} when there is one
 */
public record Reading(double value, String problem) {

    static Reading of(double value) {
        return new Reading(value, null);
    }

    static Reading none(String problem) {
        return new Reading(Double.NaN, problem);
    }

    /** Whether there is a value. */
    public boolean ok() {
        return problem == null;
    }
}
