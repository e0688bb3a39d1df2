package org.urbis.rest.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static LiveEvent event(long id, Instant at) {
        return new LiveEvent(id, "value", "SL-1", null, "{}", at);
    }

    private static List<Long> ids(List<LiveEvent> events) {
        return events.stream().map(LiveEvent::id).toList();
    }

    @Test
    void aClientResumesAfterTheLastEventItHad() {
        EventRing ring = new EventRing(10, Duration.ofMinutes(5));
        for (long id = 1; id <= 5; id++) {
            ring.add(event(id, T0));
        }
        assertEquals(List.of(4L, 5L), ids(ring.after(3, T0).orElseThrow()));
        assertEquals(List.of(), ids(ring.after(5, T0).orElseThrow()));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(ring.after(0, T0).orElseThrow()));
    }

    @Test
    void eventsPushedOutOfTheRingOrTooOldMeanStartingOver() {
        EventRing ring = new EventRing(3, Duration.ofMinutes(5));
        for (long id = 1; id <= 5; id++) {
            ring.add(event(id, T0.plusSeconds(id)));
        }
        assertTrue(ring.after(1, T0).isEmpty(), "event 2 is no longer there");
        assertEquals(List.of(3L, 4L, 5L), ids(ring.after(2, T0).orElseThrow()));
        assertTrue(ring.after(3, T0.plus(Duration.ofMinutes(5)).plusSeconds(5)).isEmpty(), "4 is too old by then");
        assertTrue(ring.after(99, T0).isEmpty(), "an id never given out");
    }

    @Test
    void anEmptyRingResumesOnlyTheLastIdGivenOut() {
        EventRing ring = new EventRing(3, Duration.ofSeconds(10));
        assertEquals(List.of(), ring.after(-1, T0).orElseThrow());
        ring.add(event(7, T0));
        assertEquals(List.of(), ring.after(7, T0.plusSeconds(60)).orElseThrow());
        assertTrue(ring.after(6, T0.plusSeconds(60)).isEmpty());
    }

    @Test
    void idsMustIncrease() {
        EventRing ring = new EventRing(3, Duration.ofSeconds(10));
        ring.add(event(7, T0));
        assertThrows(IllegalArgumentException.class, () -> ring.add(event(7, T0)));
    }
}
