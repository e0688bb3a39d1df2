package org.urbis.driver.weather.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urbis.testing.Mutations;

/** Station readings corrupted (seeded, bounded): each is used with finite numbers and a plausible time, or refused with a reason. */
class StationMessageFuzzTest {

    private static final int INPUTS = Integer.getInteger("weather.fuzz.inputs", 20_000);
    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    private static final byte[] READING =
            ("{\"ts\":\"2026-12-01T06:59:30Z\",\"airTemperature\":29.84,\"relativeHumidity\":60.12,"
                            + "\"windSpeed\":3.20,\"solarRadiation\":612.00,\"rainToday\":0.00,\"pressure\":101.05,\"faults\":[\"anemometer\"]}")
                    .getBytes(StandardCharsets.UTF_8);

    @Test
    void everyCorruptedReadingIsUsedOrRefused() {
        Random rnd = new Random(1201L);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(INPUTS / 200 + 60), () -> {
            for (int i = 0; i < INPUTS; i++) {
                byte[] payload = i % 5 == 0 ? Mutations.random(rnd, 300) : Mutations.mutate(READING, rnd);
                try {
                    StationMessage m = StationMessage.parse(payload, NOW);
                    m.numbers().values().forEach(v -> assertTrue(Double.isFinite(v)));
                    assertTrue(
                            Duration.between(NOW, m.time()).abs().compareTo(Duration.ofDays(1)) <= 0,
                            m.time().toString());
                    outcome[0]++;
                } catch (StationMessage.Refused e) {
                    assertFalse(e.getMessage().isBlank());
                    outcome[1]++;
                }
            }
        });
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "both outcomes seen");
    }
}
