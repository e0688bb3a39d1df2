package org.urbis.irrigation.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import org.apache.karaf.shell.api.action.Option;
import org.junit.jupiter.api.Test;
import org.urbis.irrigation.internal.et0.DayInputs;
import org.urbis.irrigation.internal.et0.Fao56;
import org.urbis.shell.parsing.SignedNumbers;
import org.urbis.testing.ConsoleLine;

/** urbis:et0 as the console runs it: parser, shell and action preparator, then its lines. */
class Et0CommandTest {

    private static List<String> run(String line) throws Exception {
        return ConsoleLine.prepare(new Et0Command(), line).lines();
    }

    /** FAO-56 Example 18, Brussels 6 July, wind 10 km/h at 10 m: ET0 = 3.9 mm/day; the last line has two decimals. */
    @Test
    void brusselsFromHumidityAndSunshine() throws Exception {
        List<String> lines = run("urbis:et0 --lat 50.8 --elevation 100 --day 187 --tmax 21.5 --tmin 12.3 --wind 2.778 "
                + "--wind-height 10 --sunshine 9.25 --rh-max 84 --rh-min 63");
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("et0 3\\.\\d\\d"), last);
        assertEquals(3.9, Double.parseDouble(last.substring(4)), 0.05);
    }

    /** FAO-56 Example 17, Bangkok April, ea given and G = 0.14: 5.72 mm/day. */
    @Test
    void bangkokWithVapourPressureAndHeatFlux() throws Exception {
        List<String> lines =
                run("urbis:et0 --lat 13.733 --elevation 2 --day 105 --tmax 34.8 --tmin 25.6 --wind 2 --sunshine 8.5 "
                        + "--ea 2.85 --heat-flux 0.14");
        assertEquals("et0 5.72", lines.get(lines.size() - 1));
    }

    /** A southern latitude, a frost below zero and a negative heat flux as option values. */
    @Test
    void negativeNumbersAsOptionValues() throws Exception {
        Et0Command c = ConsoleLine.prepare(
                new Et0Command(),
                "urbis:et0 --lat -22.9 --day 135 --tmax 12 --tmin -3.5 --wind 2 "
                        + "--radiation 14.5 --rh-max 90 --rh-min 40 --heat-flux -0.5");
        assertEquals(-22.9, Double.parseDouble(c.latitude));
        assertEquals(-3.5, Double.parseDouble(c.tmin));
        assertEquals(-0.5, Double.parseDouble(c.heatFlux));
        double expected = Fao56.penmanMonteith(new DayInputs(
                        -22.9, 0, 135, 12, -3.5, 2, 14.5, Double.NaN, DayInputs.eaFromHumidity(12, -3.5, 90, 40), -0.5))
                .et0();
        List<String> lines = c.lines();
        assertEquals(String.format(java.util.Locale.ROOT, "et0 %.2f", expected), lines.get(lines.size() - 1));
    }

    @Test
    void hargreavesFromTemperatureOnly() throws Exception {
        List<String> lines = run("urbis:et0 --method hargreaves --lat -20 --day 246 --tmax 30 --tmin 15");
        assertEquals("et0 4.72", lines.get(lines.size() - 1));
    }

    @Test
    void missingOrConflictingInputsAreNamed() throws Exception {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> run(
                        "urbis:et0 --lat 10.93 --day 60 --tmax 33 --tmin 24 --wind 2 --sunshine 9 --radiation 20 --ea 2"));
        assertTrue(e.getMessage().contains("--sunshine or --radiation"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> run("urbis:et0 --lat 10.93 --day 60 --tmax 33 --tmin 24 --wind 2 --sunshine 9"));
        assertTrue(e.getMessage().contains("--rh-max with --rh-min, or --ea"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> run("urbis:et0 --lat north --day 60 --tmax 33 --tmin 24 --wind 2 --sunshine 9 --ea 2"));
        assertEquals("--lat must be a number, was 'north'", e.getMessage());
    }

    @Test
    void aManualRunTakesItsZoneMinutesAndBypass() throws Exception {
        IrrigationRunCommand run = ConsoleLine.prepare(
                new IrrigationRunCommand(), "urbis:irrigation-run --bypass --reason \"dry bed\" IR-PT-001 3 12.5");
        assertEquals("IR-PT-001", run.controller);
        assertEquals("3", run.zone);
        assertEquals("12.5", run.minutes);
        assertTrue(run.bypass);
        assertEquals("dry bed", run.reason);
    }

    /** The signed-number rewrite is safe only while no option of the command is named like a number. */
    @Test
    void noOptionLooksLikeANumber() {
        for (Field f : Et0Command.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                assertFalse(SignedNumbers.word(o.name()).startsWith("$"), o.name());
            }
        }
    }
}
