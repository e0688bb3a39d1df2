package org.urbis.modbus.sunspec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/**
 * SunSpec decoding on register dumps laid out by hand from the published model definitions
 * (SunSpec Alliance, "SunSpec Information Model Reference" and the models repository's
 * {@code json/model_1.json}, {@code model_103.json}, {@code model_120.json}, {@code model_123.json},
 * {@code model_203.json}): each register below is placed at the offset those definitions give it,
 * counted from the model's ID register, so that an error in {@link SunSpecModel}'s layout shows.
 */
class SunSpecDecodingTest {

    /** A device's holding registers, 0-65535, all 0 until set; reads outside what was set are refused. */
    static final class Dump implements ModelChain.Registers {
        final int[] regs = new int[65536];
        int highest = -1;
        int reads;

        Dump set(int address, int... words) {
            for (int i = 0; i < words.length; i++) {
                regs[address + i] = words[i] & 0xFFFF;
                highest = Math.max(highest, address + i);
            }
            return this;
        }

        Dump text(int address, int registers, String s) {
            for (int i = 0; i < registers; i++) {
                int hi = 2 * i < s.length() ? s.charAt(2 * i) : 0;
                int lo = 2 * i + 1 < s.length() ? s.charAt(2 * i + 1) : 0;
                set(address + i, hi << 8 | lo);
            }
            return this;
        }

        @Override
        public int[] read(int start, int count) throws DriverException {
            reads++;
            if (start + count - 1 > highest) {
                throw new DriverException(
                        QualityReason.DEVICE_ERROR, "exception code 2 (illegal data address) at " + start);
            }
            int[] out = new int[count];
            System.arraycopy(regs, start, out, 0, count);
            return out;
        }

        int[] words(int start, int count) {
            int[] out = new int[count];
            System.arraycopy(regs, start, out, 0, count);
            return out;
        }
    }

    /**
     * An inverter as a device lays it out from 40000: the marker, common model 1 (L=66) at 40002,
     * model 103 (L=50) at 40070, model 120 (L=26) at 40122, model 123 (L=24) at 40150, end at 40176.
     */
    static Dump inverter() {
        Dump d = new Dump();
        d.set(40000, 0x5375, 0x6E53); // "SunS"
        // model_1.json: ID, L, Mn string[16] at +2, Md string[16] at +18, Opt[8] +34, Vr[8] +42, SN[16] +50, DA +66,
        // Pad +67
        d.set(40002, 1, 66)
                .text(40004, 16, "Urbis Solar")
                .text(40020, 16, "US-5K")
                .text(40036, 8, "")
                .text(40044, 8, "1.2.3")
                .text(40052, 16, "PV0001")
                .set(40068, 3)
                .set(40069, 0x8000);
        // model_103.json: A +2, AphA..C +3..+5, A_SF +6, PPVphAB..CA +7..+9, PhVphA..C +10..+12, V_SF +13, W +14,
        // W_SF +15, Hz +16, Hz_SF +17, VA +18, VA_SF +19, VAr +20, VAr_SF +21, PF +22, PF_SF +23, WH acc32 +24,
        // WH_SF +26, DCA +27, DCA_SF +28, DCV +29, DCV_SF +30, DCW +31, DCW_SF +32, TmpCab +33, TmpSnk +34,
        // TmpTrns +35, TmpOt +36, Tmp_SF +37, St +38, StVnd +39, Evt1 +40, Evt2 +42, EvtVnd1..4 +44..+50
        int m = 40070;
        d.set(m, 103, 50);
        d.set(m + 2, 2175, 725, 725, 725, -2); // 21.75 A, 7.25 A per phase, A_SF -2
        d.set(m + 7, 4000, 4000, 4000, 2310, 2305, 2312, -1); // 400.0 V, 231.0 V..., V_SF -1
        d.set(m + 14, 4321, 0); // W 4321, W_SF 0
        d.set(m + 16, 5001, -2); // 50.01 Hz
        d.set(m + 18, 0x8000, 0); // VA not implemented
        d.set(m + 20, 0, 0);
        d.set(m + 22, -985, -1); // PF -98.5 %
        d.set(m + 24, 0x0001, 0x2345, 1); // WH 0x12345 = 74565, WH_SF 1 -> 745650 Wh
        d.set(m + 27, 0xFFFF, 0); // DCA not implemented (uint16)
        d.set(m + 29, 6123, -1); // 612.3 V
        d.set(m + 31, 450, 1); // DCW 4500 W
        d.set(m + 33, 412, 0x8000, 0x8000, 0x8000, -1); // TmpCab 41.2 C, the others not implemented
        d.set(m + 38, 4, 0xFFFF); // St 4 = MPPT, StVnd not implemented
        d.set(m + 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        // model_120.json: DERTyp +2, WRtg +3, WRtg_SF +4, VARtg +5, VARtg_SF +6, ... Pad +27
        int n = 40122;
        d.set(n, 120, 26).set(n + 2, 4, 500, 1); // PV, WRtg 5000 W
        // model_123.json: Conn_WinTms +2, Conn_RvrtTms +3, Conn +4, WMaxLimPct +5, WMaxLimPct_WinTms +6,
        // WMaxLimPct_RvrtTms +7, WMaxLimPct_RmpTms +8, WMaxLim_Ena +9, ..., WMaxLimPct_SF +23, OutPFSet_SF +24,
        // VArPct_SF +25
        int c = 40150;
        d.set(c, 123, 24).set(c + 5, 1000, 0, 600, 30, 0).set(c + 23, -1, -3, 0);
        d.set(40176, 0xFFFF, 0);
        return d;
    }

    private static ModelBlock block(Dump d, ModelChain chain, int id) {
        ModelChain.Entry e = chain.model(id).orElseThrow();
        return new ModelBlock(SunSpecModel.of(id).orElseThrow(), e.start(), d.words(e.start(), e.length()));
    }

    @Test
    void discoversTheChainFromTheMarker() throws Exception {
        Dump d = inverter();
        ModelChain chain = ModelChain.discover(d);
        assertEquals(40000, chain.base());
        assertEquals(
                List.of(
                        new ModelChain.Entry(1, 40002, 66),
                        new ModelChain.Entry(103, 40070, 50),
                        new ModelChain.Entry(120, 40122, 26),
                        new ModelChain.Entry(123, 40150, 24)),
                chain.models());
        assertEquals(103, chain.first(101, 102, 103).orElseThrow().id());
    }

    @Test
    void findsTheMarkerAtZeroAndAt50000() throws Exception {
        Dump zero = new Dump().set(0, 0x5375, 0x6E53, 1, 66).set(70, 0xFFFF, 0);
        assertEquals(0, ModelChain.discover(zero).base());
        Dump high = new Dump().set(50000, 0x5375, 0x6E53, 123, 24).set(50028, 0xFFFF, 0);
        ModelChain chain = ModelChain.discover(high);
        assertEquals(50000, chain.base());
        assertEquals(50002, chain.model(123).orElseThrow().address());
    }

    @Test
    void stepsOverModelsItDoesNotKnow() throws Exception {
        // a vendor's model 64110 of 10 registers between the common model and the inverter
        Dump d = new Dump()
                .set(40000, 0x5375, 0x6E53)
                .set(40002, 1, 66)
                .set(40070, 64110, 10)
                .set(40082, 103, 50)
                .set(40082 + 2 + 12, 2500, 0)
                .set(40134, 0xFFFF, 0);
        ModelChain chain = ModelChain.discover(d);
        assertEquals(
                List.of(1, 64110, 103),
                chain.models().stream().map(ModelChain.Entry::id).toList());
        assertTrue(SunSpecModel.of(64110).isEmpty());
        assertEquals(2500, block(d, chain, 103).read("W").value());
    }

    @Test
    void decodesCommonInverterNameplateAndControlsWithTheirScaleFactors() throws Exception {
        Dump d = inverter();
        ModelChain chain = ModelChain.discover(d);
        ModelBlock common = block(d, chain, 1);
        assertEquals("Urbis Solar", common.text("Mn"));
        assertEquals("US-5K", common.text("Md"));
        assertEquals("PV0001", common.text("SN"));
        assertEquals("", common.text("Opt"));
        assertEquals(3, common.read("DA").value());

        ModelBlock inv = block(d, chain, 103);
        assertEquals(21.75, inv.read("A").value());
        assertEquals(7.25, inv.read("AphC").value());
        assertEquals(231.0, inv.read("PhVphA").value());
        assertEquals(230.5, inv.read("PhVphB").value());
        assertEquals(4321, inv.read("W").value());
        assertEquals(50.01, inv.read("Hz").value());
        assertEquals(-98.5, inv.read("PF").value());
        assertEquals(745_650, inv.read("WH").value());
        assertEquals(612.3, inv.read("DCV").value());
        assertEquals(4500, inv.read("DCW").value());
        assertEquals(41.2, inv.read("TmpCab").value());
        assertEquals(4, inv.read("St").value());
        assertEquals(0, inv.read("VAr").value(), "0 is a value for an int16, not 'not implemented'");

        assertEquals(5000, block(d, chain, 120).read("WRtg").value());

        ModelBlock ctl = block(d, chain, 123);
        assertEquals(100.0, ctl.read("WMaxLimPct").value());
        assertEquals(600, ctl.read("WMaxLimPct_RvrtTms").value());
        assertEquals(30, ctl.read("WMaxLimPct_RmpTms").value());
        assertEquals(0, ctl.read("WMaxLim_Ena").value());
        assertEquals(40150 + 5, ctl.register("WMaxLimPct"));
        assertArrayEquals(new int[] {625}, ctl.encode("WMaxLimPct", 62.5), "62.5 % at WMaxLimPct_SF -1");
        assertThrows(IllegalArgumentException.class, () -> ctl.encode("WMaxLimPct", -3));
    }

    @Test
    void notImplementedValuesHaveNoValueAndSayWhy() throws Exception {
        Dump d = inverter();
        ModelBlock inv = block(d, ModelChain.discover(d), 103);
        Reading va = inv.read("VA");
        assertFalse(va.ok());
        assertTrue(
                va.problem().contains("point VA of model 103 (register 40088) is not implemented (0x8000)"),
                va.problem());
        assertTrue(inv.read("DCA").problem().contains("not implemented (0xFFFF)"));
        assertTrue(inv.read("TmpSnk").problem().contains("(0x8000)"));
        assertTrue(inv.read("StVnd").problem().contains("(0xFFFF)"));
        assertTrue(inv.read("Evt1").ok(), "an empty event bitfield is a value");
        d.set(40070 + 24, 0, 0); // acc32 0: not implemented
        assertTrue(block(d, ModelChain.discover(d), 103).read("WH").problem().contains("(0x00000000)"));
        d.set(40070 + 15, 0x8000); // W_SF not implemented: W has no value either
        Reading w = block(d, ModelChain.discover(d), 103).read("W");
        assertFalse(w.ok());
        assertTrue(w.problem().contains("cannot be scaled: point W_SF"), w.problem());
    }

    @Test
    void aScaleFactorOutsideItsRangeLeavesItsPointsWithoutValue() throws Exception {
        Dump d = inverter();
        d.set(40070 + 6, 11); // A_SF 11
        ModelBlock inv = block(d, ModelChain.discover(d), 103);
        Reading a = inv.read("AphA");
        assertFalse(a.ok());
        assertTrue(a.problem().contains("A_SF of model 103 (register 40076) is 11, outside -10..10"), a.problem());
        d.set(40070 + 6, -11);
        assertFalse(block(d, ModelChain.discover(d), 103).read("A").ok());
        d.set(40070 + 6, -10);
        assertEquals(2175e-10, block(d, ModelChain.discover(d), 103).read("A").value(), 1e-20);
    }

    /**
     * A wye meter (model_203.json): A +2, AphA..C +3..+5, A_SF +6, PhV +7, PhVphA..C +8..+10, PPV +11,
     * PPVphAB..CA +12..+14, V_SF +15, Hz +16, Hz_SF +17, W +18, WphA..C +19..+21, W_SF +22, VA +23..+27,
     * VAR +28..+32, PF +33, PFphA..C +34..+36, PF_SF +37, TotWhExp +38, TotWhExpPhA..C +40..+44,
     * TotWhImp +46, TotWhImpPhA..C +48..+52, TotWh_SF +54, ..., TotVArh_SF +104, Evt +105; L = 105.
     */
    @Test
    void decodesAWyeMeter() throws Exception {
        Dump d = new Dump().set(40000, 0x5375, 0x6E53).set(40002, 1, 66).set(40070, 203, 105);
        int m = 40070;
        d.set(m + 2, 1234, 411, 412, 411, -2);
        d.set(m + 7, 2301, 2301, 2299, 2303, 0x8000, 0x8000, 0x8000, 0x8000, -1);
        d.set(m + 16, 4998, -2);
        d.set(m + 18, -1500, -500, -500, -500, 0); // exporting 1.5 kW
        d.set(m + 33, 970, 970, 970, 970, -3);
        d.set(m + 38, 0x0000, 0x3039); // TotWhExp 12345
        d.set(m + 46, 0x0001, 0x0000); // TotWhImp 65536
        d.set(m + 54, 1); // TotWh_SF: tens of Wh
        d.set(m + 107, 0xFFFF, 0);
        ModelChain chain = ModelChain.discover(d);
        assertEquals(203, chain.first(201, 202, 203, 204).orElseThrow().id());
        ModelBlock meter = block(d, chain, 203);
        assertEquals(12.34, meter.read("A").value());
        assertEquals(229.9, meter.read("PhVphB").value());
        assertFalse(meter.read("PPVphAB").ok());
        assertEquals(49.98, meter.read("Hz").value());
        assertEquals(-1500, meter.read("W").value());
        assertEquals(0.97, meter.read("PF").value());
        assertEquals(123_450, meter.read("TotWhExp").value());
        assertEquals(655_360, meter.read("TotWhImp").value());
        assertFalse(meter.read("TotWhExpPhA").ok(), "acc32 0 is not implemented");
        assertEquals(40070 + 2 + 103, meter.register("Evt"));
    }

    @Test
    void aChainWithoutItsEndMarkerIsAnErrorNamingWhere() {
        // the last model is followed by registers the device does not have
        Dump unending = new Dump().set(40000, 0x5375, 0x6E53).set(40002, 1, 66).set(40070, 0, 0);
        unending.highest = 40069;
        DriverException e = assertThrows(DriverException.class, () -> ModelChain.discover(unending));
        assertTrue(
                e.getMessage()
                        .contains("does not end: register 40070 (after model 1 at register 40002) cannot be read"),
                e.getMessage());

        // a zero where the next model or the end marker should be
        Dump zero = new Dump().set(40000, 0x5375, 0x6E53).set(40002, 1, 66).set(40070, 0, 0, 0);
        e = assertThrows(DriverException.class, () -> ModelChain.discover(zero));
        assertTrue(
                e.getMessage().contains("register 40070 (after model 1 at register 40002) holds model id 0"),
                e.getMessage());

        // a length that runs past the address space
        Dump past = new Dump().set(40000, 0x5375, 0x6E53).set(40002, 1, 66).set(40070, 64, 30000);
        e = assertThrows(DriverException.class, () -> ModelChain.discover(past));
        assertTrue(
                e.getMessage().contains("runs past register 65535: model 64 at register 40070 is 30000 registers long"),
                e.getMessage());

        // models all the way up, never an end marker
        Dump loop = new Dump().set(0, 0x5375, 0x6E53);
        for (int at = 2; at + 100 < 65536; at += 100) {
            loop.set(at, 64, 98);
        }
        loop.set(65535, 0);
        e = assertThrows(DriverException.class, () -> ModelChain.discover(loop));
        assertTrue(e.getMessage().contains("does not end"), e.getMessage());
    }

    @Test
    void aDeviceWithoutTheMarkerIsNamedAsSuch() {
        Dump d = new Dump().set(40000, 1, 2);
        DriverException e = assertThrows(DriverException.class, () -> ModelChain.discover(d));
        assertEquals("no SunSpec marker 'SunS' at register 40000, 0 or 50000", e.getMessage());
    }

    @Test
    void everyKnownModelHasThePublishedLength() {
        int[][] lengths = {
            {1, 66},
            {101, 50},
            {102, 50},
            {103, 50},
            {120, 26},
            {123, 24},
            {201, 105},
            {202, 105},
            {203, 105},
            {204, 105}
        };
        for (int[] l : lengths) {
            assertEquals(l[1], SunSpecModel.of(l[0]).orElseThrow().length(), "model " + l[0]);
        }
        assertTrue(SunSpecModel.of(64).isEmpty());
    }
}
