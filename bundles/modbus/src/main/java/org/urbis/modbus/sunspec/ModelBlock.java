package org.urbis.modbus.sunspec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The registers of one model as read from a device, decoded point by point with the model's scale
 * factors. A value that is its type's "not implemented" value, or scaled by a scale factor that is
 * not implemented or outside -10..10, has no value and says why — it is never read as a number.
 *
 * @param model   the model's definition
 * @param address the register of the model's first point (after ID and L)
 * @param words   the model's registers, at least {@code model.length()} of them
 */
public record ModelBlock(SunSpecModel model, int address, int[] words) {

    /** The range of a scale factor (SunSpec: sunssf, -10..10). */
    public static final int MIN_SF = -10;

    public static final int MAX_SF = 10;

    public ModelBlock {
        if (words.length < model.length()) {
            throw new IllegalArgumentException(
                    "model " + model.id() + " has " + model.length() + " registers, " + words.length + " were given");
        }
        words = words.clone();
    }

    private SunSpecPoint point(String name) {
        return model.point(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "model " + model.id() + " (" + model.name() + ") has no point " + name));
    }

    /** The register of point {@code name}. */
    public int register(String name) {
        return address + point(name).offset();
    }

    /**
     * The value of point {@code name} with its scale factor applied.
     *
     * @throws IllegalArgumentException when the model has no such point, or it is text
     */
    public Reading read(String name) {
        SunSpecPoint p = point(name);
        if (p.type() == SunSpecType.STRING) {
            throw new IllegalArgumentException("point " + name + " of model " + model.id() + " is text, not a number");
        }
        Double raw = p.type().raw(words, p.offset());
        if (raw == null) {
            return Reading.none(what(p) + " is not implemented (" + hex(p) + ")");
        }
        if (p.type() == SunSpecType.SUNSSF && (raw < MIN_SF || raw > MAX_SF)) {
            return Reading.none(what(p) + " is " + raw.intValue() + ", outside " + MIN_SF + ".." + MAX_SF);
        }
        if (p.scaleFactor() == null) {
            return Reading.of(raw);
        }
        Integer sf = scaleFactor(p);
        if (sf == null) {
            Reading r = read(p.scaleFactor());
            return Reading.none(what(p) + " cannot be scaled: " + r.problem());
        }
        return Reading.of(BigDecimal.valueOf(raw).scaleByPowerOfTen(sf).doubleValue());
    }

    private Integer scaleFactor(SunSpecPoint p) {
        Reading sf = read(p.scaleFactor());
        return sf.ok() ? (int) sf.value() : null;
    }

    /** The text of a string point; empty when not implemented (all registers 0). */
    public String text(String name) {
        SunSpecPoint p = point(name);
        if (p.type() != SunSpecType.STRING) {
            throw new IllegalArgumentException(
                    "point " + name + " of model " + model.id() + " is " + p.type() + ", not text");
        }
        byte[] b = new byte[2 * p.size()];
        for (int i = 0; i < p.size(); i++) {
            b[2 * i] = (byte) (words[p.offset() + i] >>> 8);
            b[2 * i + 1] = (byte) words[p.offset() + i];
        }
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }

    /**
     * The registers to write to set point {@code name} to {@code value} (in its SunSpec unit), with its
     * scale factor as the device reports it.
     *
     * @throws IllegalArgumentException when the point is not a writable number, its scale factor has no value,
     *         or the value does not fit
     */
    public int[] encode(String name, double value) {
        SunSpecPoint p = point(name);
        int sf = 0;
        if (p.scaleFactor() != null) {
            Integer s = scaleFactor(p);
            if (s == null) {
                throw new IllegalArgumentException(
                        what(p) + " cannot be written: " + read(p.scaleFactor()).problem());
            }
            sf = s;
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what(p) + " cannot be set to " + value);
        }
        long raw = BigDecimal.valueOf(value)
                .scaleByPowerOfTen(-sf)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return p.type().encode(raw);
    }

    private String what(SunSpecPoint p) {
        return "point " + p.name() + " of model " + model.id() + " (register " + (address + p.offset()) + ")";
    }

    private String hex(SunSpecPoint p) {
        StringBuilder b = new StringBuilder("0x");
        for (int i = 0; i < p.size(); i++) {
            b.append(String.format("%04X", words[p.offset() + i] & 0xFFFF));
        }
        return b.toString();
    }
}
