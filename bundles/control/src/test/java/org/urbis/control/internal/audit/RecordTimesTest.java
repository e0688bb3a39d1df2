package org.urbis.control.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordTimesTest {

    @Test
    void writesEveryTimeAsInstantToStringDoes() {
        RecordTimes times = new RecordTimes();
        SplittableRandom random = new SplittableRandom(9);
        long[] seconds = {0, -1, 1_780_000_000L, 253_402_300_799L, 253_402_300_800L, -62_167_219_200L, -62_167_219_201L
        };
        int[] nanos = {0, 1, 999_999_999, 1_000_000, 120_000_000, 123_000, 123_456_000, 123_456_789, 100, 10_000_000};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                assertEquals(t.toString(), times.format(t));
            }
        }
        // Many records in the same second and crossing seconds, as a group command writes them.
        long s = 1_780_000_000L;
        for (int i = 0; i < 100_000; i++) {
            s += random.nextInt(3) == 0 ? 1 : 0;
            Instant t = Instant.ofEpochSecond(
                    s,
                    random.nextInt(1_000_000_000)
                            / (i % 3 == 0 ? 1_000_000 : i % 3 == 1 ? 1_000 : 1)
                            * (i % 3 == 0 ? 1_000_000 : i % 3 == 1 ? 1_000 : 1));
            assertEquals(t.toString(), times.format(t));
        }
    }

    @Test
    void escapesWhatFollowsAPlainStart() {
        StringBuilder out = new StringBuilder();
        Json.string(out, "SL-1 \"north\"\\\n\t\u0001end");
        assertEquals("\"SL-1 \\\"north\\\"\\\\\\n\\t\\u0001end\"", out.toString());
    }
}
