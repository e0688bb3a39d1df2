package org.urbis.dnp3;

/**
 * An analog output command (g41) as a master sends it.
 *
 * @param encoding the g41 variation the value is sent as
 */
public record AnalogOutput(Encoding encoding, double value) {

    /** g41v1 to g41v4. */
    public enum Encoding {
        INT32(1),
        INT16(2),
        FLOAT32(3),
        DOUBLE64(4);

        private final int variation;

        Encoding(int variation) {
            this.variation = variation;
        }

        public int variation() {
            return variation;
        }
    }

    public AnalogOutput {
        if (encoding == null) {
            throw new IllegalArgumentException("an analog output needs an encoding");
        }
        boolean fits = switch (encoding) {
            case INT32 -> value == Math.rint(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            case INT16 -> value == Math.rint(value) && value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
            case FLOAT32 -> Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value) <= Float.MAX_VALUE;
            case DOUBLE64 -> true;
        };
        if (!fits) {
            throw new IllegalArgumentException(value + " does not fit g41v" + encoding.variation());
        }
    }

    public static AnalogOutput int32(int value) {
        return new AnalogOutput(Encoding.INT32, value);
    }

    public static AnalogOutput float32(float value) {
        return new AnalogOutput(Encoding.FLOAT32, value);
    }
}
