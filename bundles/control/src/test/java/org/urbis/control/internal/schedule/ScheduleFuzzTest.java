package org.urbis.control.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urbis.testing.Mutations;
import org.urbis.testing.Schedules;

/**
 * Schedule files corrupted (seeded, bounded): each is refused with its problems named, or accepted
 * as a schedule whose switching events can be computed, over a daylight-saving change and a polar
 * day too. None throws anything else, and none hangs.
 */
class ScheduleFuzzTest {

    private static final int ITERATIONS = 10_000;

    private static final byte[] SCHEDULE =
            Schedules.thurrock("thurrock", "zone=Z1").getBytes(StandardCharsets.UTF_8);

    /** Sites that make the clock hard: a daylight-saving change, and the midnight sun. */
    private static final Timeline[] TIMELINES = {
        new Timeline(new Site(ZoneId.of("Asia/Ho_Chi_Minh"), 10.93, 108.10)),
        new Timeline(new Site(ZoneId.of("Europe/London"), 51.48, 0.33)),
        new Timeline(new Site(ZoneId.of("Europe/Oslo"), 69.65, 18.96)),
    };

    private static final LocalDate[] DAYS = {
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-29"), LocalDate.parse("2026-06-21"),
    };

    @Test
    void everyCorruptedScheduleIsRefusedWithItsProblemsOrComputes() {
        Random rnd = new Random(20261122L);
        int[] outcome = new int[2]; // accepted, refused
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                String text = new String(Mutations.mutate(SCHEDULE, rnd), StandardCharsets.UTF_8);
                Schedule schedule;
                try {
                    schedule = ScheduleFormat.parse(text);
                } catch (ScheduleException e) {
                    assertFalse(e.problems().isEmpty(), "a refusal names its problems");
                    e.problems().forEach(p -> assertFalse(p.isBlank(), "a problem says what is wrong"));
                    outcome[1]++;
                    continue;
                }
                Timeline timeline = TIMELINES[i % TIMELINES.length];
                LocalDate day = DAYS[i % DAYS.length];
                timeline.between(schedule, day, day.plusDays(1));
                assertTrue(
                        ScheduleFormat.parse(ScheduleFormat.write(schedule)).equals(schedule),
                        "an accepted schedule is written back as it was read");
                outcome[0]++;
            }
        });
        assertTrue(
                outcome[0] > 0 && outcome[1] > 0,
                "both outcomes seen: " + outcome[0] + " accepted, " + outcome[1] + " refused");
    }
}
