package org.urbis.dnp3.internal.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.dnp3.AssociationConfig;

class BackoffTest {

    @Test
    void doublesFromFiveSecondsToOneMinuteAndStartsOverAfterASuccess() {
        AssociationConfig config = AssociationConfig.of(1, 1024);
        Backoff backoff = new Backoff(config.retryMin(), config.retryMax());
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(backoff.next().toSeconds());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), delays);
        backoff.reset();
        assertEquals(Duration.ofSeconds(5), backoff.next());
    }
}
