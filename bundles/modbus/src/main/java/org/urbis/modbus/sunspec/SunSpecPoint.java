package org.urbis.modbus.sunspec;

/**
 * One point of a SunSpec model as the model's definition lays it out.
 *
 * @param name        the point's SunSpec name, e.g. {@code W}
 * @param offset      registers from the model's first register after its ID and L
 * @param type        how its registers are read
 * @param size        registers it takes
 * @param scaleFactor the name of its scale-factor point, or {@code null} when it is not scaled
 * @param unit        the SunSpec unit, e.g. {@code W}, {@code Wh}, {@code Pct}; empty when none
 */
public record SunSpecPoint(String name, int offset, SunSpecType type, int size, String scaleFactor, String unit) {

    public SunSpecPoint {
        if (offset < 0 || size < 1 || type.words() != 0 && size != type.words()) {
            throw new IllegalArgumentException(
                    "point " + name + ": offset " + offset + ", size " + size + " for " + type);
        }
    }
}
