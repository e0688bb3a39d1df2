package org.urbis.modbus;

/** The four Modbus data tables. */
public enum Table {
    /** Read/write bits, FC 01 / 05 / 15; prefix {@code co}, Modicon references 00001-09999. */
    COIL("co", true, true, 0),
    /** Read-only bits, FC 02; prefix {@code di}, Modicon references 10001-19999. */
    DISCRETE_INPUT("di", true, false, 1),
    /** Read-only registers, FC 04; prefix {@code ir}, Modicon references 30001-39999. */
    INPUT_REGISTER("ir", false, false, 3),
    /** Read/write registers, FC 03 / 06 / 16; prefix {@code hr}, Modicon references 40001-49999. */
    HOLDING_REGISTER("hr", false, true, 4);

    private final String prefix;
    private final boolean bits;
    private final boolean writable;
    private final int modiconDigit;

    Table(String prefix, boolean bits, boolean writable, int modiconDigit) {
        this.prefix = prefix;
        this.bits = bits;
        this.writable = writable;
        this.modiconDigit = modiconDigit;
    }

    /** The address prefix, e.g. {@code hr}. */
    public String prefix() {
        return prefix;
    }

    /** Whether the table holds bits (coils, discrete inputs) rather than 16-bit registers. */
    public boolean bits() {
        return bits;
    }

    /** Whether a master may write it. */
    public boolean writable() {
        return writable;
    }

    /** The leading digit of the table's Modicon references (4 for 4xxxx holding registers). */
    public int modiconDigit() {
        return modiconDigit;
    }

    static Table ofPrefix(String prefix) {
        for (Table t : values()) {
            if (t.prefix.equalsIgnoreCase(prefix)) {
                return t;
            }
        }
        return null;
    }

    static Table ofModiconDigit(int digit) {
        for (Table t : values()) {
            if (t.modiconDigit == digit) {
                return t;
            }
        }
        return null;
    }
}
