package org.urbis.driver.pv.internal;

import java.util.Locale;
import java.util.Map;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.modbus.sunspec.SunSpecModel;
import org.urbis.modbus.sunspec.SunSpecPoint;
import org.urbis.modbus.sunspec.SunSpecType;

/**
 * Where a point lives in a SunSpec device: {@code sunspec:<model>/<point>}, the model a number
 * ({@code sunspec:120/WRtg}) or {@code inverter} (whichever of 101, 102, 103 the device has) or
 * {@code meter} (201-204), the point its SunSpec name. Option {@code scale} converts the SunSpec
 * unit to the point's (0.001 for W to kW).
 *
 * @param models the model ids that serve it, the first the device has being used
 * @param point  the SunSpec point name
 * @param scale  point units per SunSpec unit
 * @param text   whether the point is a SunSpec string
 */
record SunSpecAddress(int[] models, String point, double scale, boolean text) {

    static final String PREFIX = "sunspec:";
    static final int[] INVERTERS = {101, 102, 103};
    static final int[] METERS = {201, 202, 203, 204};

    /**
     * Parses a point's address and options.
     *
     * @throws IllegalArgumentException with a sentence naming what is wrong
     */
    static SunSpecAddress parse(Point p) {
        String a = p.address() == null ? "" : p.address().trim();
        int slash = a.indexOf('/');
        if (!a.toLowerCase(Locale.ROOT).startsWith(PREFIX) || slash < 0) {
            throw new IllegalArgumentException("point '" + p.name() + "': address '" + a
                    + "' is not sunspec:<model>/<point> (e.g. sunspec:inverter/W, sunspec:123/WMaxLimPct)");
        }
        String model = a.substring(PREFIX.length(), slash).trim();
        String name = a.substring(slash + 1).trim();
        int[] models;
        switch (model.toLowerCase(Locale.ROOT)) {
            case "inverter" -> models = INVERTERS;
            case "meter" -> models = METERS;
            default -> {
                try {
                    models = new int[] {Integer.parseInt(model)};
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("point '" + p.name() + "': model '" + model
                            + "' is neither a model number nor inverter or meter");
                }
            }
        }
        SunSpecModel def = SunSpecModel.of(models[0])
                .orElseThrow(() -> new IllegalArgumentException("point '" + p.name() + "': model " + model
                        + " is not one this driver reads (1, 101-103, 120, 123, 201-204)"));
        SunSpecPoint sp = def.point(name)
                .orElseThrow(() -> new IllegalArgumentException("point '" + p.name() + "': model " + def.id() + " ("
                        + def.name() + ") has no point '" + name + "'"));
        if (sp.type() == SunSpecType.SUNSSF || sp.type() == SunSpecType.PAD) {
            throw new IllegalArgumentException(
                    "point '" + p.name() + "': " + name + " is a " + sp.type() + ", not a value");
        }
        boolean text = sp.type() == SunSpecType.STRING;
        if (text != (p.type() == DataType.STRING)) {
            throw new IllegalArgumentException(
                    "point '" + p.name() + "' is " + p.type() + " but " + name + " is " + (text ? "text" : "a number"));
        }
        double scale = scale(p.name(), p.options());
        return new SunSpecAddress(models, name, scale, text);
    }

    private static double scale(String point, Map<String, String> options) {
        String s = options.get("scale");
        if (s == null) {
            return 1;
        }
        try {
            double v = Double.parseDouble(s.trim());
            if (v == 0 || !Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "point '" + point + "': option scale '" + s + "' is not a non-zero number");
        }
    }

    /** What the address names, for messages: {@code W of an inverter model}. */
    String describe() {
        return point + " of "
                + (models.length > 1
                        ? (models[0] == 101 ? "an inverter model (101-103)" : "a meter model (201-204)")
                        : "model " + models[0]);
    }
}
