package org.urbis.irrigation.internal.et0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Against the worked examples of FAO Irrigation and Drainage Paper 56, "Crop evapotranspiration" (Allen, Pereira,
 * Raes, Smith, 1998), chapter 3. The paper rounds every intermediate value it prints, so the tolerances are those of
 * its last printed digit.
 */
class Fao56Test {

    private static final double NAN = Double.NaN;

    /** Example 2: elevation 1800 m gives P = 81.8 kPa and γ = 0.054 kPa/°C. */
    @Test
    void example2PressureAndPsychrometricConstant() {
        assertEquals(81.8, Fao56.pressure(1800), 0.05);
        assertEquals(0.054, Fao56.psychrometric(Fao56.pressure(1800)), 0.0005);
    }

    /** Example 3: Tmax 24.5 °C, Tmin 15 °C give e°(Tmax) 3.075, e°(Tmin) 1.705 and es 2.39 kPa. */
    @Test
    void example3SaturationVapourPressure() {
        assertEquals(3.075, Fao56.saturationVapourPressure(24.5), 0.0005);
        assertEquals(1.705, Fao56.saturationVapourPressure(15), 0.0005);
        assertEquals(2.39, Fao56.meanSaturationVapourPressure(24.5, 15), 0.005);
    }

    /** Example 5: Tmax 25, Tmin 18 °C, RHmax 82, RHmin 54 % give ea = 1.70 kPa. */
    @Test
    void example5ActualVapourPressureFromHumidity() {
        assertEquals(1.70, DayInputs.eaFromHumidity(25, 18, 82, 54), 0.005);
    }

    /** Examples 8 and 9: 20°S on 3 September (day 246): Ra = 32.2 MJ/m²/day and N = 11.7 h; a southern latitude. */
    @Test
    void examples8And9ExtraterrestrialRadiationAndDaylightSouth() {
        assertEquals(32.2, Fao56.extraterrestrialRadiation(-20, 246), 0.05);
        assertEquals(11.7, Fao56.daylightHours(-20, 246), 0.05);
    }

    /** Example 10: Rio de Janeiro 22°54'S, 15 May (day 135), 7.1 h of sunshine: Ra 25.1, N 10.9 h, Rs 14.5 MJ/m²/day. */
    @Test
    void example10SolarRadiationFromSunshine() {
        double lat = -(22 + 54 / 60.0);
        assertEquals(25.1, Fao56.extraterrestrialRadiation(lat, 135), 0.05);
        assertEquals(10.9, Fao56.daylightHours(lat, 135), 0.05);
        assertEquals(14.5, Fao56.solarRadiationFromSunshine(lat, 135, 7.1), 0.05);
    }

    /** Example 11: Tmax 25.1, Tmin 19.1 °C, ea 2.1 kPa, Rs 14.5, Rso 18.8: Rnl = 3.5 MJ/m²/day. */
    @Test
    void example11NetLongwave() {
        assertEquals(3.5, Fao56.netLongwave(25.1, 19.1, 2.1, 14.5, 18.8), 0.05);
    }

    /** Example 15: 3.2 m/s measured at 10 m is 2.4 m/s at 2 m. */
    @Test
    void example15WindAtTwoMetres() {
        assertEquals(2.4, Fao56.windAt2m(3.2, 10), 0.05);
        assertEquals(3.2, Fao56.windAt2m(3.2, 2));
        assertThrows(IllegalArgumentException.class, () -> Fao56.windAt2m(3, 0));
    }

    /**
     * Example 17, monthly ET0 for Bangkok (13°44'N, 2 m) in April (day 105): Tmax 34.8, Tmin 25.6 °C, ea 2.85 kPa,
     * u2 2 m/s, n 8.5 h/day, G = 0.14 (30.2 − 29.2) = 0.14: Ra 38.06, N 12.31, Rs 22.65, Rso 28.54, Rnl 3.11,
     * Rn 14.33 MJ/m²/day, es 4.42 kPa, Δ 0.246, γ 0.0674 kPa/°C, and ET0 = 5.72 mm/day.
     */
    @Test
    void example17BangkokApril() {
        Fao56.PenmanMonteith pm =
                Fao56.penmanMonteith(new DayInputs(13 + 44 / 60.0, 2, 105, 34.8, 25.6, 2, NAN, 8.5, 2.85, 0.14));
        assertEquals(38.06, pm.ra(), 0.01);
        assertEquals(12.31, pm.n(), 0.01);
        assertEquals(22.65, pm.rs(), 0.01);
        assertEquals(28.54, pm.rso(), 0.01);
        assertEquals(3.11, pm.rnl(), 0.01);
        assertEquals(14.33, pm.rn(), 0.02);
        assertEquals(4.42, pm.es(), 0.005);
        assertEquals(0.246, pm.delta(), 0.0005);
        assertEquals(0.0674, pm.gamma(), 0.0001);
        assertEquals(5.72, pm.et0(), 0.01);
    }

    /**
     * Example 18, daily ET0 for Brussels (50°48'N, 100 m) on 6 July (day 187): Tmax 21.5, Tmin 12.3 °C, RHmax 84,
     * RHmin 63 %, wind 10 km/h = 2.78 m/s at 10 m, 9.25 h of sunshine: u2 2.078 m/s, ea 1.409, es 1.997 kPa, Ra 41.09,
     * N 16.1 h, Rs 22.07, Rso 30.90, Rnl 3.71, Rn 13.28 MJ/m²/day, and ET0 = 3.9 mm/day.
     */
    @Test
    void example18BrusselsSixthOfJuly() {
        double ea = DayInputs.eaFromHumidity(21.5, 12.3, 84, 63);
        Fao56.PenmanMonteith pm = Fao56.penmanMonteith(
                new DayInputs(50 + 48 / 60.0, 100, 187, 21.5, 12.3, Fao56.windAt2m(10 / 3.6, 10), NAN, 9.25, ea, 0));
        assertEquals(2.078, pm.u2(), 0.001);
        assertEquals(1.409, pm.ea(), 0.001);
        assertEquals(1.997, pm.es(), 0.001);
        assertEquals(41.09, pm.ra(), 0.01);
        assertEquals(16.1, pm.n(), 0.05);
        assertEquals(22.07, pm.rs(), 0.01);
        assertEquals(30.90, pm.rso(), 0.01);
        assertEquals(3.71, pm.rnl(), 0.01);
        assertEquals(13.28, pm.rn(), 0.01);
        assertEquals(3.9, pm.et0(), 0.05);
    }

    /** Measured radiation instead of sunshine gives the same ET0 when it is the radiation sunshine implies. */
    @Test
    void radiationAndSunshineAgree() {
        double lat = 13 + 44 / 60.0;
        double rs = Fao56.solarRadiationFromSunshine(lat, 105, 8.5);
        assertEquals(
                Fao56.penmanMonteith(new DayInputs(lat, 2, 105, 34.8, 25.6, 2, NAN, 8.5, 2.85, 0))
                        .et0(),
                Fao56.penmanMonteith(new DayInputs(lat, 2, 105, 34.8, 25.6, 2, rs, NAN, 2.85, 0))
                        .et0(),
                1e-9);
    }

    /**
     * Hargreaves, eq. 52: ET0 = 0.0023 (Tmean + 17.8) (Tmax − Tmin)^0.5 · 0.408 Ra. By hand for Example 17's
     * Bangkok April (Ra 38.06): 0.0023 × (30.2 + 17.8) × √9.2 × 0.408 × 38.06 = 5.20 mm/day, near Penman–Monteith's
     * 5.72 as the paper says Hargreaves should be for such a climate.
     */
    @Test
    void hargreavesEquation52() {
        assertEquals(5.20, Fao56.hargreaves(13 + 44 / 60.0, 105, 34.8, 25.6), 0.01);
        // South: 20°S, 3 September, Ra 32.2: 0.0023 × (22.5 + 17.8) × √15 × 0.408 × 32.2 = 4.72
        assertEquals(4.72, Fao56.hargreaves(-20, 246, 30, 15), 0.01);
    }

    @Test
    void implausibleInputsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Fao56.penmanMonteith(new DayInputs(10.93, 10, 60, 20, 30, 2, 20, NAN, 2, 0)));
        assertTrue(e.getMessage().contains("tmin"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Fao56.penmanMonteith(new DayInputs(10.93, 10, 60, 33, 24, 2, 20, 8, 2, 0)));
        assertTrue(e.getMessage().contains("radiation or sunshine"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DayInputs.eaFromHumidity(30, 20, 50, 80));
        assertTrue(e.getMessage().contains("rh-min"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fao56.hargreaves(10.93, 367, 30, 20));
    }
}
