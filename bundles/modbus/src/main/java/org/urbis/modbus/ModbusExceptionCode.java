package org.urbis.modbus;

/** The meaning of Modbus exception codes, for people. */
public final class ModbusExceptionCode {

    private ModbusExceptionCode() {}

    /** A sentence fragment such as {@code exception code 2 (illegal data address)}. */
    public static String describe(int code) {
        return "exception code " + code + " (" + name(code) + ")";
    }

    public static String name(int code) {
        switch (code) {
            case 1:
                return "illegal function";
            case 2:
                return "illegal data address";
            case 3:
                return "illegal data value";
            case 4:
                return "slave device failure";
            case 5:
                return "acknowledge: request accepted, still processing";
            case 6:
                return "slave device busy";
            case 8:
                return "memory parity error";
            case 0x0A:
                return "gateway path unavailable";
            case 0x0B:
                return "gateway target device failed to respond";
            default:
                return "unknown code";
        }
    }

    /** Whether the same request may succeed if tried again shortly (acknowledge, busy). */
    public static boolean retryable(int code) {
        return code == 5 || code == 6;
    }
}
