package org.urbis.simulator.pv;

import java.util.Set;

/**
 * A rooftop PV inverter: SunSpec common model 1, inverter model 101 (single phase, up to 5 kW) or 103
 * (three phase), nameplate 120 and immediate controls 123. Its AC output is what the panels give
 * under the current irradiance, capped by the power limit: {@code WMaxLimPct} while
 * {@code WMaxLim_Ena} is 1, reached over {@code WMaxLimPct_RmpTms} seconds and reverting to no
 * limit {@code WMaxLimPct_RvrtTms} seconds after it was set (0: never).
 */
public final class Inverter {

    /** SunSpec inverter operating states (model 101-103 {@code St}). */
    static final int SLEEPING = 2;

    static final int MPPT = 4;
    static final int THROTTLED = 5;

    private final int unit;
    private final double ratedW;
    private final int model;
    private final SunSpecImage image;
    private double effectivePct = 100;
    private double rampFromPct = 100;
    private double targetPct = 100;
    private long rampStartMillis;
    private long revertAtMillis = Long.MAX_VALUE;
    private double outputW;
    private double availableW;
    private double energyWh;
    private String withheld;
    private final java.util.Random jitter;

    Inverter(int unit, double ratedW, String serial, double energyWh) {
        this.unit = unit;
        this.ratedW = ratedW;
        this.model = ratedW <= 5_000 ? 101 : 103;
        this.energyWh = energyWh;
        this.jitter = new java.util.Random(unit);
        this.image = new SunSpecImage(Set.of(123), 1, model, 120, 123);
        image.text(1, "Mn", "Urbis Solar");
        image.text(1, "Md", model == 101 ? "US-1P" : "US-3P");
        image.text(1, "Vr", "1.0.0");
        image.text(1, "SN", serial);
        image.put(1, "DA", unit, 0);
        image.put(120, "DERTyp", 4, 0); // PV
        image.put(120, "WRtg", ratedW, 1);
        image.scale(120, "WRtg_SF", 1);
        image.put(120, "VARtg", ratedW, 1);
        image.scale(120, "VARtg_SF", 1);
        image.put(123, "Conn", 1, 0);
        image.put(123, "WMaxLimPct", 100, -1);
        image.scale(123, "WMaxLimPct_SF", -1);
        image.scale(123, "OutPFSet_SF", -3);
        image.scale(123, "VArPct_SF", 0);
        image.put(123, "WMaxLim_Ena", 0, 0);
        for (String sf : new String[] {
            "ARtg_SF", "VArRtg_SF", "PFRtg_SF", "WHRtg_SF", "AhrRtg_SF", "MaxChaRte_SF", "MaxDisChaRte_SF"
        }) {
            image.put(120, sf, Double.NaN, 0);
        }
        for (String p : new String[] {
            "ARtg",
            "VArRtgQ1",
            "VArRtgQ2",
            "VArRtgQ3",
            "VArRtgQ4",
            "PFRtgQ1",
            "PFRtgQ2",
            "PFRtgQ3",
            "PFRtgQ4",
            "WHRtg",
            "AhrRtg",
            "MaxChaRte",
            "MaxDisChaRte"
        }) {
            image.put(120, p, Double.NaN, 0);
        }
    }

    SunSpecImage image() {
        return image;
    }

    public int unit() {
        return unit;
    }

    /** The inverter model it reports, 101 or 103. */
    public int model() {
        return model;
    }

    public double ratedKw() {
        return ratedW / 1000;
    }

    /** AC output now, kW. */
    public synchronized double outputKw() {
        return outputW / 1000;
    }

    /** What the panels could give now without a limit, kW. */
    public synchronized double availableKw() {
        return availableW / 1000;
    }

    /** The power limit in force now (ramping towards the one set), % of rated power. */
    public synchronized double limitPct() {
        return effectivePct;
    }

    /** Lifetime AC energy, kWh. */
    public synchronized double energyKwh() {
        return energyWh / 1000;
    }

    /** Makes the inverter report {@code point} of its inverter model as not implemented (null: none). */
    public synchronized void withhold(String point) {
        this.withheld = point;
    }

    /** Advances by {@code seconds} at {@code nowMillis} under {@code irradiance} W/m². */
    synchronized void step(long nowMillis, double seconds, double irradiance) {
        controls(nowMillis);
        double ramp = image.raw(123, "WMaxLimPct_RmpTms");
        double elapsed = (nowMillis - rampStartMillis) / 1000.0;
        effectivePct = ramp <= 0 || ramp == 0xFFFF || elapsed >= ramp
                ? targetPct
                : rampFromPct + (targetPct - rampFromPct) * elapsed / ramp;
        // panels of 1.1 × the inverter's rating, 85 % from sunlight to AC
        availableW = Math.min(ratedW, ratedW * 1.1 * 0.85 * irradiance / 1000);
        outputW = Math.min(availableW, ratedW * effectivePct / 100);
        if (outputW > 0) {
            // a real inverter's output wanders a little around its operating point
            outputW = Math.max(0, outputW * (1 - 0.004 * jitter.nextDouble()));
        }
        energyWh += outputW * seconds / 3600;
        publish(irradiance);
    }

    /** Takes in what a master wrote to model 123, and reverts a limit whose time is up. */
    private void controls(long now) {
        boolean enabled = image.raw(123, "WMaxLim_Ena") == 1;
        if (image.takeWritten()) {
            int revert = image.raw(123, "WMaxLimPct_RvrtTms");
            revertAtMillis = enabled && revert > 0 && revert != 0xFFFF ? now + revert * 1000L : Long.MAX_VALUE;
        } else if (enabled && now >= revertAtMillis) {
            image.setRaw(123, "WMaxLim_Ena", 0);
            revertAtMillis = Long.MAX_VALUE;
            enabled = false;
        }
        double pct = image.raw(123, "WMaxLimPct") / 10.0;
        double target = enabled ? Math.max(0, Math.min(100, pct)) : 100;
        if (target != targetPct) {
            rampFromPct = effectivePct;
            targetPct = target;
            rampStartMillis = now;
        }
    }

    private void publish(double irradiance) {
        boolean three = model == 103;
        double volts = 230 + 2 * Math.sin(energyWh / 7);
        double amps = outputW / volts / (three ? 3 : 1);
        image.put(model, "A", amps * (three ? 3 : 1), -2);
        image.put(model, "AphA", amps, -2);
        image.put(model, "AphB", three ? amps : Double.NaN, -2);
        image.put(model, "AphC", three ? amps : Double.NaN, -2);
        image.scale(model, "A_SF", -2);
        for (String p : new String[] {"PPVphAB", "PPVphBC", "PPVphCA"}) {
            image.put(model, p, three ? volts * Math.sqrt(3) : Double.NaN, -1);
        }
        image.put(model, "PhVphA", volts, -1);
        image.put(model, "PhVphB", three ? volts + 0.6 : Double.NaN, -1);
        image.put(model, "PhVphC", three ? volts - 0.4 : Double.NaN, -1);
        image.scale(model, "V_SF", -1);
        image.put(model, "W", outputW, 0);
        image.scale(model, "W_SF", 0);
        image.put(model, "Hz", 50 + 0.02 * Math.sin(energyWh), -2);
        image.scale(model, "Hz_SF", -2);
        image.put(model, "VA", outputW, 0);
        image.scale(model, "VA_SF", 0);
        image.put(model, "VAr", 0, 0);
        image.scale(model, "VAr_SF", 0);
        image.put(model, "PF", 100, -1);
        image.scale(model, "PF_SF", -1);
        image.put(model, "WH", Math.floor(energyWh), 0);
        image.scale(model, "WH_SF", 0);
        double dcV = irradiance > 5 ? 380 + 0.03 * irradiance : 0;
        double dcW = outputW / 0.97;
        image.put(model, "DCA", dcV > 0 ? dcW / dcV : 0, -2);
        image.scale(model, "DCA_SF", -2);
        image.put(model, "DCV", dcV, -1);
        image.scale(model, "DCV_SF", -1);
        image.put(model, "DCW", dcW, 0);
        image.scale(model, "DCW_SF", 0);
        image.put(model, "TmpCab", 30 + outputW / ratedW * 20, -1);
        for (String p : new String[] {"TmpSnk", "TmpTrns", "TmpOt"}) {
            image.put(model, p, Double.NaN, -1);
        }
        image.scale(model, "Tmp_SF", -1);
        image.put(model, "St", availableW < 1 ? SLEEPING : outputW < availableW - 1 ? THROTTLED : MPPT, 0);
        image.put(model, "StVnd", Double.NaN, 0);
        for (String p : new String[] {"Evt1", "Evt2", "EvtVnd1", "EvtVnd2", "EvtVnd3", "EvtVnd4"}) {
            image.put(model, p, 0, 0);
        }
        if (withheld != null) {
            image.put(model, withheld, Double.NaN, 0);
        }
    }
}
