package org.urbis.history.internal.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/**
 * Run in a process of its own by {@link HistoryCrashTest}: writes rounds of values, one per series,
 * and prints each round it knows committed, until it is killed.
 */
public final class CrashingWriter {

    static final int SERIES = 100;
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    /** A minute between rounds: the days roll over, so the kill also lands among roll-ups. */
    static final long STEP_SECONDS = 60;
    /** Seals every second of wall time, so that the kill lands among sealed chunks, log entries and open runs. */
    static final HistorySettings SETTINGS = new HistorySettings(
            Duration.ofDays(3650), 1L << 30, Duration.ofSeconds(1), 64L << 20, HistoryStore.DEFAULT_MAX_HOLD);

    private CrashingWriter() {}

    public static void main(String[] args) throws Exception {
        HistoryStore store = HistoryStore.open(Path.of(args[0]), SETTINGS, System::currentTimeMillis);
        for (long round = 0; ; round++) {
            for (int k = 0; k < SERIES; k++) {
                store.append(
                        "lamp-" + k,
                        "power",
                        T0.plusSeconds(round * STEP_SECONDS),
                        round,
                        Quality.GOOD,
                        QualityReason.NONE);
            }
            if (round % 100 == 99) {
                store.commit();
                System.out.println("committed " + round);
                System.out.flush();
            }
        }
    }
}
