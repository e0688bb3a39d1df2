package org.urbis.modbus.sunspec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SunSpec model definition: its id, its fixed length (registers after ID and L) and its points in
 * register order. The layouts are those of the SunSpec model definitions (the {@code smdx_000NN.xml}
 * / {@code model_NNN.json} files of the SunSpec models repository) for the models Urbis reads:
 * common 1; inverters 101 (single phase), 102 (split phase), 103 (three phase), integer and scale
 * factor; nameplate 120; immediate controls 123; meters 201 (single phase), 202 (split phase),
 * 203 (wye three phase), 204 (delta three phase), integer and scale factor.
 *
 * @param id     the model id
 * @param name   the model's name
 * @param length registers after ID and L
 * @param points its points by SunSpec name, in register order
 */
public record SunSpecModel(int id, String name, int length, Map<String, SunSpecPoint> points) {

    private static final Map<Integer, SunSpecModel> KNOWN = new LinkedHashMap<>();

    static {
        add(new Builder(1, "common")
                .string("Mn", 16)
                .string("Md", 16)
                .string("Opt", 8)
                .string("Vr", 8)
                .string("SN", 16)
                .n("DA", SunSpecType.UINT16, null, "")
                .pad()
                .build(66));
        for (int id = 101; id <= 103; id++) {
            add(inverter(id));
        }
        add(new Builder(120, "nameplate")
                .n("DERTyp", SunSpecType.ENUM16, null, "")
                .n("WRtg", SunSpecType.UINT16, "WRtg_SF", "W")
                .sf("WRtg_SF")
                .n("VARtg", SunSpecType.UINT16, "VARtg_SF", "VA")
                .sf("VARtg_SF")
                .n("VArRtgQ1", SunSpecType.INT16, "VArRtg_SF", "var")
                .n("VArRtgQ2", SunSpecType.INT16, "VArRtg_SF", "var")
                .n("VArRtgQ3", SunSpecType.INT16, "VArRtg_SF", "var")
                .n("VArRtgQ4", SunSpecType.INT16, "VArRtg_SF", "var")
                .sf("VArRtg_SF")
                .n("ARtg", SunSpecType.UINT16, "ARtg_SF", "A")
                .sf("ARtg_SF")
                .n("PFRtgQ1", SunSpecType.INT16, "PFRtg_SF", "cos()")
                .n("PFRtgQ2", SunSpecType.INT16, "PFRtg_SF", "cos()")
                .n("PFRtgQ3", SunSpecType.INT16, "PFRtg_SF", "cos()")
                .n("PFRtgQ4", SunSpecType.INT16, "PFRtg_SF", "cos()")
                .sf("PFRtg_SF")
                .n("WHRtg", SunSpecType.UINT16, "WHRtg_SF", "Wh")
                .sf("WHRtg_SF")
                .n("AhrRtg", SunSpecType.UINT16, "AhrRtg_SF", "AH")
                .sf("AhrRtg_SF")
                .n("MaxChaRte", SunSpecType.UINT16, "MaxChaRte_SF", "W")
                .sf("MaxChaRte_SF")
                .n("MaxDisChaRte", SunSpecType.UINT16, "MaxDisChaRte_SF", "W")
                .sf("MaxDisChaRte_SF")
                .pad()
                .build(26));
        add(new Builder(123, "immediate controls")
                .n("Conn_WinTms", SunSpecType.UINT16, null, "Secs")
                .n("Conn_RvrtTms", SunSpecType.UINT16, null, "Secs")
                .n("Conn", SunSpecType.ENUM16, null, "")
                .n("WMaxLimPct", SunSpecType.UINT16, "WMaxLimPct_SF", "% WMax")
                .n("WMaxLimPct_WinTms", SunSpecType.UINT16, null, "Secs")
                .n("WMaxLimPct_RvrtTms", SunSpecType.UINT16, null, "Secs")
                .n("WMaxLimPct_RmpTms", SunSpecType.UINT16, null, "Secs")
                .n("WMaxLim_Ena", SunSpecType.ENUM16, null, "")
                .n("OutPFSet", SunSpecType.INT16, "OutPFSet_SF", "cos()")
                .n("OutPFSet_WinTms", SunSpecType.UINT16, null, "Secs")
                .n("OutPFSet_RvrtTms", SunSpecType.UINT16, null, "Secs")
                .n("OutPFSet_RmpTms", SunSpecType.UINT16, null, "Secs")
                .n("OutPFSet_Ena", SunSpecType.ENUM16, null, "")
                .n("VArWMaxPct", SunSpecType.INT16, "VArPct_SF", "% WMax")
                .n("VArMaxPct", SunSpecType.INT16, "VArPct_SF", "% VArMax")
                .n("VArAvalPct", SunSpecType.INT16, "VArPct_SF", "% VArAval")
                .n("VArPct_WinTms", SunSpecType.UINT16, null, "Secs")
                .n("VArPct_RvrtTms", SunSpecType.UINT16, null, "Secs")
                .n("VArPct_RmpTms", SunSpecType.UINT16, null, "Secs")
                .n("VArPct_Mod", SunSpecType.ENUM16, null, "")
                .n("VArPct_Ena", SunSpecType.ENUM16, null, "")
                .sf("WMaxLimPct_SF")
                .sf("OutPFSet_SF")
                .sf("VArPct_SF")
                .build(24));
        for (int id = 201; id <= 204; id++) {
            add(meter(id));
        }
    }

    /** Models 101-103 share one layout; a single-phase inverter leaves phases B and C not implemented. */
    private static SunSpecModel inverter(int id) {
        return new Builder(
                        id,
                        id == 101
                                ? "single-phase inverter"
                                : id == 102 ? "split-phase inverter" : "three-phase inverter")
                .n("A", SunSpecType.UINT16, "A_SF", "A")
                .n("AphA", SunSpecType.UINT16, "A_SF", "A")
                .n("AphB", SunSpecType.UINT16, "A_SF", "A")
                .n("AphC", SunSpecType.UINT16, "A_SF", "A")
                .sf("A_SF")
                .n("PPVphAB", SunSpecType.UINT16, "V_SF", "V")
                .n("PPVphBC", SunSpecType.UINT16, "V_SF", "V")
                .n("PPVphCA", SunSpecType.UINT16, "V_SF", "V")
                .n("PhVphA", SunSpecType.UINT16, "V_SF", "V")
                .n("PhVphB", SunSpecType.UINT16, "V_SF", "V")
                .n("PhVphC", SunSpecType.UINT16, "V_SF", "V")
                .sf("V_SF")
                .n("W", SunSpecType.INT16, "W_SF", "W")
                .sf("W_SF")
                .n("Hz", SunSpecType.UINT16, "Hz_SF", "Hz")
                .sf("Hz_SF")
                .n("VA", SunSpecType.INT16, "VA_SF", "VA")
                .sf("VA_SF")
                .n("VAr", SunSpecType.INT16, "VAr_SF", "var")
                .sf("VAr_SF")
                .n("PF", SunSpecType.INT16, "PF_SF", "Pct")
                .sf("PF_SF")
                .n("WH", SunSpecType.ACC32, "WH_SF", "Wh")
                .sf("WH_SF")
                .n("DCA", SunSpecType.UINT16, "DCA_SF", "A")
                .sf("DCA_SF")
                .n("DCV", SunSpecType.UINT16, "DCV_SF", "V")
                .sf("DCV_SF")
                .n("DCW", SunSpecType.INT16, "DCW_SF", "W")
                .sf("DCW_SF")
                .n("TmpCab", SunSpecType.INT16, "Tmp_SF", "C")
                .n("TmpSnk", SunSpecType.INT16, "Tmp_SF", "C")
                .n("TmpTrns", SunSpecType.INT16, "Tmp_SF", "C")
                .n("TmpOt", SunSpecType.INT16, "Tmp_SF", "C")
                .sf("Tmp_SF")
                .n("St", SunSpecType.ENUM16, null, "")
                .n("StVnd", SunSpecType.ENUM16, null, "")
                .n("Evt1", SunSpecType.BITFIELD32, null, "")
                .n("Evt2", SunSpecType.BITFIELD32, null, "")
                .n("EvtVnd1", SunSpecType.BITFIELD32, null, "")
                .n("EvtVnd2", SunSpecType.BITFIELD32, null, "")
                .n("EvtVnd3", SunSpecType.BITFIELD32, null, "")
                .n("EvtVnd4", SunSpecType.BITFIELD32, null, "")
                .build(50);
    }

    /** Models 201-204 share one layout; W is positive while the site imports (energy flows from the grid). */
    private static SunSpecModel meter(int id) {
        Builder b = new Builder(
                id,
                switch (id) {
                    case 201 -> "single-phase meter";
                    case 202 -> "split-phase meter";
                    case 203 -> "wye three-phase meter";
                    default -> "delta three-phase meter";
                });
        b.n("A", SunSpecType.INT16, "A_SF", "A")
                .phases("Aph", SunSpecType.INT16, "A_SF", "A")
                .sf("A_SF")
                .n("PhV", SunSpecType.INT16, "V_SF", "V")
                .phases("PhVph", SunSpecType.INT16, "V_SF", "V")
                .n("PPV", SunSpecType.INT16, "V_SF", "V")
                .n("PPVphAB", SunSpecType.INT16, "V_SF", "V")
                .n("PPVphBC", SunSpecType.INT16, "V_SF", "V")
                .n("PPVphCA", SunSpecType.INT16, "V_SF", "V")
                .sf("V_SF")
                .n("Hz", SunSpecType.INT16, "Hz_SF", "Hz")
                .sf("Hz_SF")
                .n("W", SunSpecType.INT16, "W_SF", "W")
                .phases("Wph", SunSpecType.INT16, "W_SF", "W")
                .sf("W_SF")
                .n("VA", SunSpecType.INT16, "VA_SF", "VA")
                .phases("VAph", SunSpecType.INT16, "VA_SF", "VA")
                .sf("VA_SF")
                .n("VAR", SunSpecType.INT16, "VAR_SF", "var")
                .phases("VARph", SunSpecType.INT16, "VAR_SF", "var")
                .sf("VAR_SF")
                .n("PF", SunSpecType.INT16, "PF_SF", "Pct")
                .phases("PFph", SunSpecType.INT16, "PF_SF", "Pct")
                .sf("PF_SF");
        for (String q : new String[] {"TotWhExp", "TotWhImp"}) {
            b.n(q, SunSpecType.ACC32, "TotWh_SF", "Wh").phases(q + "Ph", SunSpecType.ACC32, "TotWh_SF", "Wh");
        }
        b.sf("TotWh_SF");
        for (String q : new String[] {"TotVAhExp", "TotVAhImp"}) {
            b.n(q, SunSpecType.ACC32, "TotVAh_SF", "VAh").phases(q + "Ph", SunSpecType.ACC32, "TotVAh_SF", "VAh");
        }
        b.sf("TotVAh_SF");
        for (String q : new String[] {"TotVArhImpQ1", "TotVArhImpQ2", "TotVArhExpQ3", "TotVArhExpQ4"}) {
            b.n(q, SunSpecType.ACC32, "TotVArh_SF", "varh").phases(q + "Ph", SunSpecType.ACC32, "TotVArh_SF", "varh");
        }
        return b.sf("TotVArh_SF").n("Evt", SunSpecType.BITFIELD32, null, "").build(105);
    }

    private static void add(SunSpecModel m) {
        KNOWN.put(m.id(), m);
    }

    public SunSpecModel {
        points = Map.copyOf(points);
    }

    /** The definition of model {@code id}, when Urbis knows it. */
    public static Optional<SunSpecModel> of(int id) {
        return Optional.ofNullable(KNOWN.get(id));
    }

    /** The point {@code name} of this model. */
    public Optional<SunSpecPoint> point(String name) {
        return Optional.ofNullable(points.get(name));
    }

    /** Lays points out one after the other, as the definitions list them. */
    private static final class Builder {
        private final int id;
        private final String name;
        private final List<SunSpecPoint> points = new ArrayList<>();
        private int offset;

        Builder(int id, String name) {
            this.id = id;
            this.name = name;
        }

        Builder n(String point, SunSpecType type, String sf, String unit) {
            points.add(new SunSpecPoint(point, offset, type, type.words(), sf, unit));
            offset += type.words();
            return this;
        }

        /** The phase A, B and C points that follow a total: {@code AphA}, {@code AphB}, {@code AphC}. */
        Builder phases(String prefix, SunSpecType type, String sf, String unit) {
            for (String p : new String[] {"A", "B", "C"}) {
                n(prefix + p, type, sf, unit);
            }
            return this;
        }

        Builder sf(String point) {
            return n(point, SunSpecType.SUNSSF, null, "");
        }

        Builder string(String point, int size) {
            points.add(new SunSpecPoint(point, offset, SunSpecType.STRING, size, null, ""));
            offset += size;
            return this;
        }

        Builder pad() {
            offset++;
            return this;
        }

        SunSpecModel build(int length) {
            if (offset != length) {
                throw new IllegalStateException("model " + id + " lays out " + offset + " registers, not " + length);
            }
            Map<String, SunSpecPoint> byName = new LinkedHashMap<>();
            points.forEach(p -> byName.put(p.name(), p));
            return new SunSpecModel(id, name, length, byName);
        }
    }
}
