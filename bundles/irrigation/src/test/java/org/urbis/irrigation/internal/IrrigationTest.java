package org.urbis.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.irrigation.internal.balance.BalanceDay;
import org.urbis.irrigation.internal.et0.Fao56;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.weather.Et0Day;
import org.urbis.irrigation.internal.weather.WeatherDay;

class IrrigationTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Path DEMO = Path.of("../../karaf-assembly/src/main/demo/etc/urbis/irrigation");
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    @TempDir
    Path dir;

    private final Map<String, Boolean> rain = new HashMap<>();

    private final Irrigation irrigation = new Irrigation(SITE, new Irrigation.Conditions() {
        @Override
        public Optional<Boolean> rainSensor(String controller) {
            return Optional.ofNullable(rain.get(controller));
        }

        @Override
        public String waterMain(String controller) {
            return "PT-PARK-MAIN";
        }
    });

    private void demo() throws Exception {
        ProgramFolder.Loaded loaded = ProgramFolder.load(DEMO);
        assertEquals(List.of(), loaded.problems());
        irrigation.setPrograms(loaded.programs(), DAY.minusDays(4));
    }

    /** Four dry days of 6 mm ET0 in Phan Thiết's dry season, then the night's plan and why each zone runs so long. */
    @Test
    void theDemoParkAfterFourDryDaysAndTheReasons() throws Exception {
        demo();
        for (int d = 3; d >= 0; d--) {
            irrigation.closeDay(DAY.minusDays(d), s -> new Et0Day(null, 6.0, "Penman-Monteith (test)", 0));
        }
        Planner.DayPlan plan = irrigation.plan(DAY.plusDays(1));
        PlannedRun lawn = plan.runs().stream()
                .filter(r -> r.zone().key().equals("IR-PT-001/1"))
                .findFirst()
                .orElseThrow();
        // Lawn: Kc 0.8 → 4.8 mm a day; TAW 80 × 0.25 = 20 mm, allowed 10 mm; after 4 days depletion 19.2 mm
        // (4 × 4.8); refill 19.2 mm at 38 mm/h = 30.3 min, in 4 cycles of at most 10 min.
        assertTrue(lawn.why().contains("ET0 6.0 mm by Penman-Monteith (test), rain 0.0 mm"), lawn.why());
        assertTrue(lawn.why().contains("depletion 19.2 mm"), lawn.why());
        assertTrue(lawn.why().contains("= 30.3 min"), lawn.why());
        assertEquals(4, lawn.cycles());
        long total = plan.runs().stream()
                .filter(r -> r.zone().key().equals("IR-PT-001/1"))
                .mapToLong(PlannedRun::seconds)
                .sum();
        assertEquals(Math.round(19.2 / 38 * 3600), total);
        assertTrue(
                plan.runs().stream()
                        .allMatch(r -> !r.end()
                                .isAfter(DAY.plusDays(1)
                                        .atTime(6, 0)
                                        .atZone(SITE)
                                        .toInstant())),
                "the night's runs end by 06:00");
        // Palms: Kc 0.5, TAW 80 mm, allowed 48 mm: 4 × 3 mm = 12 mm + 3 expected stays under it.
        assertTrue(
                plan.skipped().get("IR-PT-002/3").contains("stays under the 48.0 mm allowed"),
                plan.skipped().toString());

        rain.put("IR-PT-002", true);
        Planner.DayPlan wet = irrigation.plan(DAY.plusDays(1));
        assertTrue(wet.runs().stream().noneMatch(r -> r.zone().controller().equals("IR-PT-002")));
        assertTrue(wet.skipped().get("IR-PT-002/1").contains("rain sensor of IR-PT-002 reports rain"));
    }

    @Test
    void beforeAnyDayHasClosedThePreviewProjectsWithTodaysReadingsElseTheClimatesFirstGuess() throws Exception {
        demo();
        // a site started today: no zone has a closed day; the program's usual 23-31 °C at 10.93° N in March
        double guess = Fao56.hargreaves(10.93, DAY.getDayOfYear(), 31, 23);
        assertEquals(
                guess,
                irrigation
                        .program("pt-park-night")
                        .orElseThrow()
                        .firstGuessEt0(DAY)
                        .getAsDouble(),
                1e-12);
        assertTrue(guess > 4 && guess < 6, "a dry-season day of Phan Thiết: " + guess);
        Planner.DayPlan today = irrigation.plan(DAY);
        assertTrue(
                today.skipped()
                        .get("IR-PT-001/1")
                        .contains(String.format(
                                java.util.Locale.ROOT,
                                "no day closed yet: ET0 %.1f mm by first guess: Hargreaves from the extraterrestrial radiation at 10.93° and the "
                                        + "usual 23.0-31.0 °C of pt-park-night",
                                guess)),
                today.skipped().toString());

        List<Planner.DayPlan> guessed =
                irrigation.preview("pt-park-night", DAY, DAY, DAY.plusDays(7), OptionalDouble.empty());
        PlannedRun first = guessed.stream()
                .flatMap(d -> d.runs().stream())
                .filter(r -> r.zone().key().equals("IR-PT-001/1"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the lawn waters within the week: " + guessed));
        assertTrue(first.why().contains("by projected, first guess: Hargreaves"), first.why());

        List<Planner.DayPlan> days =
                irrigation.preview("pt-park-night", DAY, DAY, DAY.plusDays(7), OptionalDouble.of(6.0));
        PlannedRun lawn = days.stream()
                .flatMap(d -> d.runs().stream())
                .filter(r -> r.zone().key().equals("IR-PT-001/1"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the lawn waters within the week: " + days));
        assertTrue(lawn.why().contains("ET0 6.0 mm by projected from today's readings (Hargreaves)"), lawn.why());
    }

    @Test
    void aDayWithoutWeatherBeforeAnyOtherClosesWithTheFirstGuessAndSaysSo() throws Exception {
        demo();
        irrigation.closeDay(DAY.minusDays(3), s -> null);
        BalanceDay day = irrigation.zones().get("IR-PT-001/1").last();
        assertEquals(Fao56.hargreaves(10.93, DAY.minusDays(3).getDayOfYear(), 31, 23), day.et0(), 1e-12);
        assertTrue(
                day.et0Method().startsWith("ET0 unknown (no weather for the day): first guess: Hargreaves"),
                day.et0Method());
        irrigation.closeDay(DAY.minusDays(2), s -> null);
        assertTrue(
                irrigation.zones().get("IR-PT-001/1").last().et0Method().endsWith("the day before's assumed"),
                "once a day has closed, its ET0 is carried on");
    }

    @Test
    void withoutAClimateAFreshSiteHasNoFirstGuessAndSaysSo() throws Exception {
        Files.writeString(
                dir.resolve("p.program.json"),
                Files.readString(DEMO.resolve("pt-park-night.program.json"))
                        .replaceAll("(?s),\\s*\"climate\": \\{[^}]*\\}", ""));
        ProgramFolder.Loaded loaded = ProgramFolder.load(dir);
        assertEquals(List.of(), loaded.problems());
        irrigation.setPrograms(loaded.programs(), DAY.minusDays(1));
        assertTrue(
                irrigation
                        .plan(DAY)
                        .skipped()
                        .get("IR-PT-001/1")
                        .contains("no first guess of ET0 (the program gives no " + "weather.climate)"),
                irrigation.plan(DAY).skipped().toString());
        assertTrue(
                irrigation.preview("pt-park-night", DAY, DAY, DAY.plusDays(7), OptionalDouble.empty()).stream()
                        .allMatch(d -> d.runs().isEmpty()),
                "with no ET0 at all nothing is projected to dry out");
        Files.writeString(
                dir.resolve("p.program.json"),
                Files.readString(DEMO.resolve("pt-park-night.program.json")).replace("\"tmin\": 23", "\"tmin\": 33"));
        assertTrue(
                ProgramFolder.load(dir)
                        .problems()
                        .get(0)
                        .contains("weather.climate.tmax must be above weather.climate.tmin"),
                ProgramFolder.load(dir).problems().toString());
    }

    @Test
    void previewProjectsTheDaysAheadAndRainDelayHolds() throws Exception {
        demo();
        irrigation.closeDay(DAY, s -> new Et0Day(null, 6.0, "Penman-Monteith (test)", 0));
        List<Planner.DayPlan> days = irrigation.preview(
                "pt-park-night", DAY.plusDays(1), DAY.plusDays(1), DAY.plusDays(7), OptionalDouble.empty());
        assertEquals(7, days.size());
        assertTrue(
                days.stream()
                        .anyMatch(d ->
                                d.runs().stream().anyMatch(r -> r.zone().key().equals("IR-PT-001/1"))),
                "the lawn waters within the week");
        irrigation.rainDelay("pt-park-night", DAY.plusDays(3).atStartOfDay(SITE).toInstant());
        Planner.DayPlan held = irrigation
                .preview("pt-park-night", DAY.plusDays(1), DAY.plusDays(2), DAY.plusDays(2), OptionalDouble.empty())
                .get(0);
        assertTrue(held.runs().isEmpty());
        assertTrue(
                held.skipped().get("IR-PT-001/1").contains("rain delay until 2026-03-13T00:00"),
                held.skipped().toString());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> irrigation.preview("nope", DAY, DAY, DAY, OptionalDouble.empty()));
        assertTrue(e.getMessage().contains("no irrigation program 'nope'"));
    }

    @Test
    void manualRunsHonourOrBypassTheAdjustment() throws Exception {
        demo();
        assertEquals(600, irrigation.manual("IR-PT-001", 1, 10, false, DAY).seconds());
        rain.put("IR-PT-001", true);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> irrigation.manual("IR-PT-001", 1, 10, false, DAY));
        assertTrue(e.getMessage().contains("reports rain") && e.getMessage().contains("bypass"), e.getMessage());
        assertEquals(600, irrigation.manual("IR-PT-001", 1, 10, true, DAY).seconds());
        assertTrue(irrigation.manual("IR-PT-001", 1, 10, true, DAY).why().contains("bypassed"));
        irrigation.credit("IR-PT-001", 1, 600, DAY);
        assertEquals(38.0 / 6, irrigation.zones().get("IR-PT-001/1").applied().get(DAY), 1e-9, "10 min at 38 mm/h");
    }

    @Test
    void aBadFileIsRefusedNamingFileAndFieldAndTheOthersStay() throws Exception {
        Files.copy(DEMO.resolve("pt-park-night.program.json"), dir.resolve("a.program.json"));
        Files.writeString(
                dir.resolve("b.program.json"),
                Files.readString(DEMO.resolve("pt-park-night.program.json"))
                        .replace("\"rootDepth\": 0.25", "\"rootDepth\": 7"));
        Files.writeString(
                dir.resolve("c.program.json"),
                Files.readString(DEMO.resolve("pt-park-night.program.json")).replace("pt-park-night", "pt-park-copy"));
        ProgramFolder.Loaded loaded = ProgramFolder.load(dir);
        assertEquals(1, loaded.programs().size());
        assertEquals(2, loaded.problems().size(), loaded.problems().toString());
        assertTrue(
                loaded.problems()
                        .get(0)
                        .startsWith(
                                "irrigation program b.program.json refused: zones[0].rootDepth must be a number 0.05..3.0, was 7"),
                loaded.problems().get(0));
        assertTrue(
                loaded.problems()
                        .get(1)
                        .contains("c.program.json refused: zone 1 of IR-PT-001 is already in a.program.json"),
                loaded.problems().get(1));
    }

    @Test
    void balancesSurviveARestart() throws Exception {
        demo();
        irrigation.closeDay(DAY, s -> new Et0Day(null, 5.0, "Penman-Monteith (test)", 2.0));
        irrigation.rainDelay("pt-park-night", Instant.parse("2026-03-12T00:00:00Z"));
        irrigation.zones().get("IR-PT-001/1").credit(DAY.plusDays(1), 3.5);
        // the station's open day, read until 14:00: its readings so far are kept too
        Instant midnight = DAY.plusDays(1).atStartOfDay(SITE).toInstant();
        WeatherDay open = new WeatherDay(DAY.plusDays(1), midnight, midnight.plusSeconds(86_400));
        for (int h = 0; h <= 14; h++) {
            Instant t = midnight.plusSeconds(h * 3600L);
            open.add(WeatherDay.AIR_TEMPERATURE, 23 + h * 0.6, t);
            open.add(WeatherDay.RELATIVE_HUMIDITY, 90 - h * 2.5, t);
            open.add(WeatherDay.WIND_SPEED, 1.5 + h * 0.1, t);
            open.add(WeatherDay.SOLAR_RADIATION, h < 6 ? 0 : 600, t);
        }
        open.add(WeatherDay.RAIN_TODAY, 1.2, midnight.plusSeconds(3600));
        BalanceStore store = new BalanceStore(dir.resolve("state/balances.json"));
        store.save(irrigation, Map.of("WS-PT-001", open));
        Irrigation again = new Irrigation(SITE, new Irrigation.Conditions() {});
        WeatherDay kept = store.load(again).get("WS-PT-001");
        assertEquals(open.hargreavesSoFar(10.93), kept.hargreavesSoFar(10.93));
        for (WeatherDay d : List.of(open, kept)) {
            d.add(WeatherDay.AIR_TEMPERATURE, 26, midnight.plusSeconds(20 * 3600));
            d.add(WeatherDay.WIND_SPEED, 1.0, midnight.plusSeconds(20 * 3600));
        }
        assertEquals(
                open.close(10.93, 10, 2),
                kept.close(10.93, 10, 2),
                "the day closes as if the runtime had never stopped");
        assertEquals(
                irrigation.zones().get("IR-PT-001/1").depletion(),
                again.zones().get("IR-PT-001/1").depletion(),
                1e-12);
        assertEquals(
                irrigation.zones().get("IR-PT-001/1").last(),
                again.zones().get("IR-PT-001/1").last());
        assertEquals(3.5, again.zones().get("IR-PT-001/1").applied().get(DAY.plusDays(1)));
        assertEquals(Instant.parse("2026-03-12T00:00:00Z"), again.rainDelays().get("pt-park-night"));
        try (var files = Files.list(dir.resolve("state"))) {
            assertEquals(
                    List.of("balances.json"),
                    files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left");
        }
    }
}
