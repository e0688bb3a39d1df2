package org.urbis.modbus;

import java.util.Locale;

/** How register words are read as a number (option {@code type}). */
public enum RegisterType {
    /** A coil or discrete input, or one bit of a register (option {@code bit}). */
    BOOL(1),
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    FLOAT32(2);

    private final int words;

    RegisterType(int words) {
        this.words = words;
    }

    /** Registers one value takes. */
    public int words() {
        return words;
    }

    static RegisterType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "type '" + s + "' is not one of bool, int16, uint16, int32, uint32, float32");
        }
    }
}
