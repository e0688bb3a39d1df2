package org.urbis.modbus;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Where one point lives on a Modbus device and how its raw counts become engineering units.
 *
 * <p>Address syntax ({@link #parse}): {@code hr:N}, {@code ir:N}, {@code co:N}, {@code di:N} with
 * {@code N} the zero-based protocol address in decimal or {@code 0x} hex (as in device manuals:
 * {@code ir:0x48}); or a bare 5- or 6-digit Modicon reference, one-based ({@code 40001} is
 * {@code hr:0}, {@code 30001} is {@code ir:0}, {@code 10001} is {@code di:0}, {@code 00001} is
 * {@code co:0}).
 *
 * <p>Options: {@code type} (bool, int16, uint16, int32, uint32, float32; default uint16 for
 * registers, bool for bits), {@code order} (ABCD, CDAB, BADC, DCBA; default ABCD), {@code bit}
 * (0-15: the point is that bit of a register), {@code invert} (true: a bit that reads 1 means false and
 * is written 0 for true, for devices whose sense is the other way round), {@code scale} and {@code offset}
 * (engineering = raw × scale + offset), or instead a linear range {@code rawMin}, {@code rawMax},
 * {@code engMin}, {@code engMax} (e.g. a 4-20 mA transmitter counted 4000-20000 as 0-10 bar).
 *
 * @param table   the data table
 * @param address zero-based protocol address of the first register or bit
 * @param type    how the raw words are read
 * @param order   byte and word order
 * @param bit     the bit within a register, or -1
 * @param invert  whether a bit's value is the opposite of what it reads
 * @param scale   engineering units per raw count
 * @param offset  engineering value of raw 0
 */
public record RegisterMapping(
        Table table,
        int address,
        RegisterType type,
        WordOrder order,
        int bit,
        boolean invert,
        double scale,
        double offset) {

    private static final Set<String> OPTIONS =
            Set.of("type", "order", "bit", "invert", "scale", "offset", "rawMin", "rawMax", "engMin", "engMax");

    public RegisterMapping {
        if (address < 0 || address + words(table, type, bit) - 1 > 0xFFFF) {
            throw new IllegalArgumentException("address " + address + " is outside 0-65535");
        }
        if (table.bits() && type != RegisterType.BOOL) {
            throw new IllegalArgumentException(table.prefix() + " holds bits, so its type is bool, not " + type);
        }
        if (!table.bits() && type == RegisterType.BOOL && bit < 0) {
            throw new IllegalArgumentException("a bool on a register needs option bit (0-15)");
        }
        if (bit >= 0 && (table.bits() || bit > 15)) {
            throw new IllegalArgumentException("option bit must be 0-15 and only applies to registers");
        }
        if (invert && type != RegisterType.BOOL) {
            throw new IllegalArgumentException(
                    "option invert applies to bits (a coil, a discrete input or option bit), not to " + type);
        }
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("scale must be a non-zero number and offset a number");
        }
    }

    private static int words(Table table, RegisterType type, int bit) {
        return table.bits() || bit >= 0 ? 1 : type.words();
    }

    /** Registers (or bits) this point spans. */
    public int count() {
        return words(table, type, bit);
    }

    /** Whether the value is a boolean (a bit, or a bit of a register). */
    public boolean isBoolean() {
        return type == RegisterType.BOOL;
    }

    /**
     * Parses a point address and its options.
     *
     * @throws IllegalArgumentException with a sentence naming what is wrong
     */
    public static RegisterMapping parse(String address, Map<String, String> options) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("no Modbus address (expected e.g. hr:0, ir:0x48 or 40001)");
        }
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key) && !key.startsWith("x-") && !key.equals("role")) {
                throw new IllegalArgumentException("unknown option '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ", role)");
            }
        }
        String a = address.trim();
        Table table;
        int addr;
        int colon = a.indexOf(':');
        if (colon > 0) {
            table = Table.ofPrefix(a.substring(0, colon));
            if (table == null) {
                throw new IllegalArgumentException("address '" + address + "': table must be co, di, ir or hr");
            }
            addr = number(a.substring(colon + 1), "address '" + address + "'");
        } else if (a.matches("\\d{5,6}")) {
            table = Table.ofModiconDigit(a.charAt(0) - '0');
            int ref = Integer.parseInt(a.substring(1));
            if (table == null || ref < 1) {
                throw new IllegalArgumentException("address '" + address
                        + "' is not a Modicon reference (0xxxx, 1xxxx, 3xxxx or 4xxxx, counted from 1)");
            }
            addr = ref - 1;
        } else {
            throw new IllegalArgumentException("address '" + address + "' is neither table:address (hr:0, ir:0x48) "
                    + "nor a 5- or 6-digit Modicon reference (40001)");
        }
        int bit = options.containsKey("bit") ? number(options.get("bit"), "option bit") : -1;
        RegisterType type = options.containsKey("type")
                ? RegisterType.parse(options.get("type"))
                : table.bits() || bit >= 0 ? RegisterType.BOOL : RegisterType.UINT16;
        if (bit >= 0 && type != RegisterType.BOOL) {
            throw new IllegalArgumentException("option bit makes the point a bool, not " + type);
        }
        boolean invert = options.containsKey("invert") && flag(options.get("invert"), "option invert");
        WordOrder order = options.containsKey("order") ? WordOrder.parse(options.get("order")) : WordOrder.ABCD;
        double scale = 1;
        double offset = 0;
        boolean linear = options.containsKey("rawMin")
                || options.containsKey("rawMax")
                || options.containsKey("engMin")
                || options.containsKey("engMax");
        if (linear) {
            if (options.containsKey("scale") || options.containsKey("offset")) {
                throw new IllegalArgumentException("give either scale/offset or rawMin/rawMax/engMin/engMax, not both");
            }
            double rawMin = decimal(options, "rawMin");
            double rawMax = decimal(options, "rawMax");
            double engMin = decimal(options, "engMin");
            double engMax = decimal(options, "engMax");
            if (rawMin == rawMax) {
                throw new IllegalArgumentException("rawMin and rawMax must differ");
            }
            scale = (engMax - engMin) / (rawMax - rawMin);
            offset = engMin - rawMin * scale;
        } else {
            if (options.containsKey("scale")) {
                scale = decimal(options, "scale");
            }
            if (options.containsKey("offset")) {
                offset = decimal(options, "offset");
            }
        }
        if (type == RegisterType.BOOL && (scale != 1 || offset != 0)) {
            throw new IllegalArgumentException("a bool point cannot be scaled");
        }
        return new RegisterMapping(table, addr, type, order, bit, invert, scale, offset);
    }

    private static int number(String s, String what) {
        String t = s.trim();
        try {
            return t.startsWith("0x") || t.startsWith("0X")
                    ? Integer.parseInt(t.substring(2), 16)
                    : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
        }
    }

    private static boolean flag(String s, String what) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(what + ": '" + s + "' is neither true nor false");
        };
    }

    private static double decimal(Map<String, String> options, String key) {
        String s = options.get(key);
        if (s == null) {
            throw new IllegalArgumentException(
                    "option " + key + " is missing (rawMin, rawMax, engMin and engMax go together)");
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + ": '" + s + "' is not a number");
        }
    }

    /** The raw number held in {@code words} starting at index {@code i} (unscaled). */
    public double raw(int[] words, int i) {
        switch (type) {
            case INT16:
                return (short) order.word(words[i]);
            case UINT16:
                return order.word(words[i]) & 0xFFFF;
            case INT32:
                return order.combine(words[i], words[i + 1]);
            case UINT32:
                return order.combine(words[i], words[i + 1]) & 0xFFFFFFFFL;
            case FLOAT32:
                // the shortest decimal that is this float (3.42), not the float widened (3.4200000762939453)
                return Double.parseDouble(Float.toString(Float.intBitsToFloat(order.combine(words[i], words[i + 1]))));
            default:
                throw new IllegalStateException("a bool has no raw number");
        }
    }

    /**
     * The engineering value of the registers at index {@code i} of {@code words}, scaled in decimal
     * so that it keeps the digits of its source: 342 counts at scale 0.01 are 3.42, not 3.4200000000000004.
     */
    public double decode(int[] words, int i) {
        double raw = raw(words, i);
        if (scale == 1 && offset == 0 || !Double.isFinite(raw)) {
            return raw * scale + offset;
        }
        return new BigDecimal(Double.toString(raw))
                .multiply(new BigDecimal(Double.toString(scale)))
                .add(new BigDecimal(Double.toString(offset)))
                .doubleValue();
    }

    /** The value of a register-mapped bool at index {@code i} of {@code words}. */
    public boolean decodeBit(int[] words, int i) {
        return sense(((words[i] >>> bit) & 1) == 1);
    }

    /** The value of a bit that reads {@code raw}, and the bit to write for a value: inverted or not, both ways alike. */
    public boolean sense(boolean raw) {
        return raw != invert;
    }

    /**
     * The registers to write for an engineering value: unscaled, rounded to the nearest count for
     * integer types.
     *
     * @throws IllegalArgumentException when the value does not fit the register type
     */
    public int[] encode(double engineering) {
        double raw = (engineering - offset) / scale;
        switch (type) {
            case FLOAT32:
                return order.split(Float.floatToIntBits((float) raw));
            case INT16:
            case UINT16: {
                long r = Math.round(raw);
                long lo = type == RegisterType.INT16 ? Short.MIN_VALUE : 0;
                long hi = type == RegisterType.INT16 ? Short.MAX_VALUE : 0xFFFF;
                if (r < lo || r > hi) {
                    throw new IllegalArgumentException(
                            engineering + " is raw " + r + ", outside " + type + " " + lo + ".." + hi);
                }
                return new int[] {order.word((int) r & 0xFFFF)};
            }
            case INT32:
            case UINT32: {
                long r = Math.round(raw);
                long lo = type == RegisterType.INT32 ? Integer.MIN_VALUE : 0;
                long hi = type == RegisterType.INT32 ? Integer.MAX_VALUE : 0xFFFFFFFFL;
                if (r < lo || r > hi) {
                    throw new IllegalArgumentException(
                            engineering + " is raw " + r + ", outside " + type + " " + lo + ".." + hi);
                }
                return order.split((int) r);
            }
            default:
                throw new IllegalArgumentException("a bool is written as a bit, not as registers");
        }
    }

    /** The address as written in the inventory's table syntax, e.g. {@code hr:12}. */
    public String describe() {
        return table.prefix() + ':' + address + (bit >= 0 ? "." + bit : "");
    }
}
