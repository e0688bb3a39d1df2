package org.urbis.simulator.pv;

import java.util.Set;

/**
 * A SunSpec meter: a house's single-phase meter (model 201) measuring its household load, or the
 * transformer's three-phase meter (model 203) measuring what the feeder draws from the grid.
 * {@code W} is positive while energy flows from the grid to the site (import), negative when the
 * site exports.
 */
public final class Meter {

    private final int unit;
    private final int model;
    private final SunSpecImage image;
    private final int wattsSf;
    private double powerW;
    private double importWh;
    private double exportWh;

    Meter(int unit, int model, String serial, double importWh, double exportWh) {
        this.unit = unit;
        this.model = model;
        this.importWh = importWh;
        this.exportWh = exportWh;
        // a house's int16 watts fit at scale factor 0; a transformer's tens of kilowatts need tens of watts
        this.wattsSf = model == 201 ? 0 : 1;
        this.image = new SunSpecImage(Set.of(), 1, model);
        image.text(1, "Mn", "Urbis Metering");
        image.text(1, "Md", model == 201 ? "UM-1P" : "UM-3P");
        image.text(1, "Vr", "2.1");
        image.text(1, "SN", serial);
        image.put(1, "DA", unit, 0);
    }

    SunSpecImage image() {
        return image;
    }

    public int unit() {
        return unit;
    }

    /** The meter model it reports, 201 or 203. */
    public int model() {
        return model;
    }

    /** Active power now, kW, positive = import. */
    public synchronized double powerKw() {
        return powerW / 1000;
    }

    public synchronized double importKwh() {
        return importWh / 1000;
    }

    public synchronized double exportKwh() {
        return exportWh / 1000;
    }

    /** Keeps the registers on their last reading, as a meter whose measuring stage hung ({@code false} to resume). */
    public void freeze(boolean frozen) {
        image.freeze(frozen);
    }

    /** Takes {@code kwh} off the import register, as a meter that lost its count. */
    public synchronized void rollBack(double kwh) {
        importWh = Math.max(1, importWh - kwh * 1000);
    }

    /** Measures {@code watts} (positive = import) for {@code seconds}. */
    synchronized void step(double watts, double seconds) {
        powerW = watts;
        if (watts >= 0) {
            importWh += watts * seconds / 3600;
        } else {
            exportWh -= watts * seconds / 3600;
        }
        publish();
    }

    private void publish() {
        boolean three = model == 203;
        double volts = 230 + 1.5 * Math.sin(importWh / 5);
        double pf = 0.95;
        double perPhase = powerW / (three ? 3 : 1);
        double amps = Math.abs(perPhase) / volts / pf;
        image.put(model, "A", amps * (three ? 3 : 1), -2);
        image.put(model, "AphA", amps, -2);
        image.put(model, "AphB", three ? amps : Double.NaN, -2);
        image.put(model, "AphC", three ? amps : Double.NaN, -2);
        image.scale(model, "A_SF", -2);
        image.put(model, "PhV", volts, -1);
        image.put(model, "PhVphA", volts, -1);
        image.put(model, "PhVphB", three ? volts + 0.8 : Double.NaN, -1);
        image.put(model, "PhVphC", three ? volts - 0.5 : Double.NaN, -1);
        for (String p : new String[] {"PPV", "PPVphAB", "PPVphBC", "PPVphCA"}) {
            image.put(model, p, three ? volts * Math.sqrt(3) : Double.NaN, -1);
        }
        image.scale(model, "V_SF", -1);
        image.put(model, "Hz", 50 + 0.03 * Math.sin(importWh / 3), -2);
        image.scale(model, "Hz_SF", -2);
        image.put(model, "W", powerW, wattsSf);
        image.put(model, "WphA", perPhase, wattsSf);
        image.put(model, "WphB", three ? perPhase : Double.NaN, wattsSf);
        image.put(model, "WphC", three ? perPhase : Double.NaN, wattsSf);
        image.scale(model, "W_SF", wattsSf);
        image.put(model, "VA", Math.abs(powerW) / pf, wattsSf);
        image.scale(model, "VA_SF", wattsSf);
        image.put(model, "VAR", Math.abs(powerW) * Math.tan(Math.acos(pf)), wattsSf);
        image.scale(model, "VAR_SF", wattsSf);
        image.put(model, "PF", pf * 100, -1);
        image.put(model, "PFphA", pf * 100, -1);
        image.put(model, "PFphB", three ? pf * 100 : Double.NaN, -1);
        image.put(model, "PFphC", three ? pf * 100 : Double.NaN, -1);
        image.scale(model, "PF_SF", -1);
        image.put(model, "TotWhExp", Math.floor(exportWh), 0);
        image.put(model, "TotWhImp", Math.floor(importWh), 0);
        image.scale(model, "TotWh_SF", 0);
        image.scale(model, "TotVAh_SF", 0);
        image.scale(model, "TotVArh_SF", 0);
        image.put(model, "Evt", 0, 0);
    }
}
