package org.urbis.irrigation.internal.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A week worked by hand. The zone: Kc 0.8, roots 0.3 m, soil 100 mm/m → total available water TAW = 30 mm;
 * allowed depletion 50 % → 15 mm; heads 20 mm/h; 80 % of rain effective. Depletion before day 1: 5.0 mm.
 *
 * <pre>
 * day ET0  ETc=0.8·ET0 rain eff=0.8·rain applied  depletion = before − eff − applied + ETc     drained
 *  1  5.0  4.0         0    0         0        5.0 − 0 − 0 + 4.0     =  9.0
 *     before day 2: 9.0 + 4.0 expected = 13.0 &lt; 15 → no watering
 *  2  6.0  4.8         0    0         0        9.0 + 4.8             = 13.8
 *     before day 3: 13.8 + 4.8 = 18.6 ≥ 15 → refill 13.8 mm / 20 mm/h = 41.4 min = 2484 s (at 50 % budget 1242 s)
 *  3  5.5  4.4         0    0         13.8     13.8 − 13.8 + 4.4     =  4.4
 *  4  4.0  3.2         10   8.0       0        4.4 − 8.0 + 3.2 = −0.4 → 0         0.4
 *  5  3.0  2.4         25   20.0      0        0 − 20.0 + 2.4 = −17.6 → 0         17.6
 *  6  5.0  4.0         0    0         0        0 + 4.0               =  4.0
 *  7  6.5  5.2         0    0         0        4.0 + 5.2             =  9.2
 *     before day 8: 9.2 + 5.2 = 14.4 &lt; 15 → no watering
 * </pre>
 */
class WaterBalanceTest {

    private static final ZoneSoil LAWN = new ZoneSoil(0.8, 0.3, 100, 0.5, 20, 0.8);
    private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");

    @Test
    void aWeekByHand() {
        double[] et0 = {5.0, 6.0, 5.5, 4.0, 3.0, 5.0, 6.5};
        double[] rain = {0, 0, 0, 10, 25, 0, 0};
        double[] depletion = {9.0, 13.8, 4.4, 0, 0, 4.0, 9.2};
        double[] drained = {0, 0, 0, 0.4, 17.6, 0, 0};
        long[] seconds = {0, 0, 2484, 0, 0, 0, 0};
        double d = 5.0;
        double lastEtc = 4.0;
        for (int day = 0; day < 7; day++) {
            WaterBalance.Need need = WaterBalance.need(LAWN, d, lastEtc, 100);
            assertEquals(seconds[day], need.seconds(), "day " + (day + 1) + ": " + need.why());
            BalanceDay closed = WaterBalance.close(
                    LAWN, MONDAY.plusDays(day), d, et0[day], "Penman-Monteith", rain[day], need.depth());
            assertEquals(depletion[day], closed.depletion(), 1e-9, "depletion, day " + (day + 1));
            assertEquals(drained[day], closed.drained(), 1e-9, "drained, day " + (day + 1));
            d = closed.depletion();
            lastEtc = closed.etc();
        }
        assertEquals(0, WaterBalance.need(LAWN, d, lastEtc, 100).seconds());
    }

    @Test
    void theReasonShowsDepletionUseAndTheMinutes() {
        WaterBalance.Need need = WaterBalance.need(LAWN, 13.8, 4.8, 50);
        assertEquals(1242, need.seconds());
        assertTrue(need.why().contains("depletion 13.8 mm"), need.why());
        assertTrue(need.why().contains("refill 13.8 mm at 20.0 mm/h = 41.4 min × budget 50 % = 20.7 min"), need.why());
        assertEquals(0, WaterBalance.need(LAWN, 13.8, 4.8, 0).seconds());
    }

    @Test
    void depletionStopsAtWiltingPoint() {
        assertEquals(
                30, WaterBalance.close(LAWN, MONDAY, 28, 10, "Hargreaves", 0, 0).depletion());
    }

    @Test
    void badSoilParametersAreRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ZoneSoil(0.8, 0.3, 100, 0.95, 20, 1));
        assertTrue(e.getMessage().startsWith("allowedDepletion"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaterBalance.close(LAWN, MONDAY, 0, -1, "x", 0, 0));
    }
}
