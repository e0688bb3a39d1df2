package org.urbis.dnp3;

/**
 * A control relay output block (g12v1) as a master sends it.
 *
 * @param operation what the relay does
 * @param tripClose which of a trip/close pair, NUL for a single output
 * @param clear the CR bit: cancel a running operation
 * @param count how many times to repeat a pulse (0 means do nothing for pulses)
 * @param onTimeMs pulse on time in milliseconds (unsigned 32 bit)
 * @param offTimeMs pulse off time in milliseconds (unsigned 32 bit)
 */
public record Crob(Operation operation, TripClose tripClose, boolean clear, int count, long onTimeMs, long offTimeMs) {

    /** The operation type, bits 0 to 3 of the control code. */
    public enum Operation {
        NUL,
        PULSE_ON,
        PULSE_OFF,
        LATCH_ON,
        LATCH_OFF;

        public int code() {
            return ordinal();
        }
    }

    /** The trip-close code, bits 6 and 7 of the control code. */
    public enum TripClose {
        NUL,
        CLOSE,
        TRIP
    }

    public Crob {
        if (operation == null || tripClose == null) {
            throw new IllegalArgumentException("a CROB needs an operation and a trip-close code");
        }
        if (count < 0 || count > 255) {
            throw new IllegalArgumentException("a CROB count is 0..255: " + count);
        }
        if (onTimeMs < 0 || onTimeMs > 0xFFFFFFFFL || offTimeMs < 0 || offTimeMs > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("CROB times are unsigned 32-bit milliseconds");
        }
    }

    public static Crob latchOn() {
        return new Crob(Operation.LATCH_ON, TripClose.NUL, false, 1, 0, 0);
    }

    public static Crob latchOff() {
        return new Crob(Operation.LATCH_OFF, TripClose.NUL, false, 1, 0, 0);
    }

    public static Crob pulseOn(long onTimeMs, long offTimeMs) {
        return new Crob(Operation.PULSE_ON, TripClose.NUL, false, 1, onTimeMs, offTimeMs);
    }

    /** A breaker trip or close: a pulse on the trip or close coil. */
    public static Crob pulse(TripClose tripClose, long onTimeMs) {
        return new Crob(Operation.PULSE_ON, tripClose, false, 1, onTimeMs, 0);
    }

    public int controlCode() {
        return tripClose.ordinal() << 6 | (clear ? 0x20 : 0) | operation.code();
    }

    /**
     * The CROB a control code means, or null when it uses a reserved operation or trip-close code or the
     * obsolete queue bit.
     */
    public static Crob of(int controlCode, int count, long onTimeMs, long offTimeMs) {
        int op = controlCode & 0x0F;
        int tcc = controlCode >>> 6 & 0x03;
        if (op >= Operation.values().length || tcc >= TripClose.values().length || (controlCode & 0x10) != 0) {
            return null;
        }
        return new Crob(
                Operation.values()[op], TripClose.values()[tcc], (controlCode & 0x20) != 0, count, onTimeMs, offTimeMs);
    }
}
