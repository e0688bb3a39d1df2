package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urbis.testing.Mutations;

/**
 * What luminaire nodes send, corrupted (seeded, bounded): every status, acknowledgement and
 * program is either used with values of the documented types or refused with a reason; none
 * throws anything else, and none hangs.
 */
class NodeMessagesFuzzTest {

    private static final int ITERATIONS = 20_000;
    private static final int MAX_BYTES = 4_096;
    private static final Instant NOW = Instant.parse("2026-06-21T12:00:00Z");

    private static final byte[] STATUS = ("{\"ts\": 1782043200000, \"relay\": true, \"dim\": 70.0, \"power\": 84.0,"
                    + " \"energy\": 1234.5678, \"hours\": 4321.25, \"switchOns\": 1200, \"lamp\": \"OK\", \"voltage\": 230.0,"
                    + " \"programId\": \"winter\", \"cmd\": \"k3x9a-17\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACK =
            "{\"id\": \"k3x9a-17\", \"ok\": false, \"error\": \"dim needs a number from 0 to 100\"}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROGRAM = ("{\"id\": \"thurrock\", \"zone\": \"Asia/Ho_Chi_Minh\", \"steps\": ["
                    + "{\"at\": \"sunset\", \"offset\": -10, \"level\": 70}, {\"at\": \"00:00\", \"level\": 50},"
                    + " {\"at\": \"05:00\", \"level\": 70}, {\"at\": \"sunrise\", \"offset\": 15, \"level\": 0}]}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void everyCorruptedStatusIsUsedWithTypedFieldsOrRefused() {
        Random rnd = new Random(20261122L);
        int[] outcome = new int[3]; // clean, with problems, refused
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] payload = i % 4 == 0 ? Mutations.random(rnd, 300) : Mutations.mutate(STATUS, rnd);
                try {
                    NodeMessages.Status s = NodeMessages.status(payload, MAX_BYTES, NOW);
                    s.fields().forEach(NodeMessagesFuzzTest::assertTyped);
                    assertTrue(
                            Math.abs(Duration.between(NOW, s.time()).toHours()) <= 24, "implausible time " + s.time());
                    outcome[s.problems().isEmpty() ? 0 : 1]++;
                } catch (NodeMessages.Rejected e) {
                    assertFalse(e.getMessage().isBlank(), "a refusal says why");
                    outcome[2]++;
                }
            }
        });
        assertTrue(
                outcome[0] > 0 && outcome[1] > 0 && outcome[2] > 0, "every outcome seen: " + Arrays.toString(outcome));
    }

    @Test
    void everyCorruptedAcknowledgementIsReadOrRefused() {
        Random rnd = new Random(7L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] payload = i % 4 == 0 ? Mutations.random(rnd, 120) : Mutations.mutate(ACK, rnd);
                try {
                    NodeMessages.Ack a = NodeMessages.ack(payload, MAX_BYTES);
                    assertFalse(a.id().isEmpty(), "an acknowledgement names its command");
                } catch (NodeMessages.Rejected e) {
                    assertFalse(e.getMessage().isBlank(), "a refusal says why");
                }
            }
        });
    }

    @Test
    void everyCorruptedProgramIsCheckedBeforeItCouldBeSent() {
        Random rnd = new Random(3L);
        int[] accepted = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                String text = new String(Mutations.mutate(PROGRAM, rnd), StandardCharsets.UTF_8);
                try {
                    var program = ProgramFormat.check(text);
                    assertTrue(
                            program.path("steps").isArray()
                                    && program.path("steps").size() <= ProgramFormat.MAX_STEPS,
                            "an accepted program has its steps: " + program);
                    accepted[0]++;
                } catch (IllegalArgumentException e) {
                    assertFalse(String.valueOf(e.getMessage()).isBlank(), "a refusal says why");
                }
            }
        });
        assertTrue(accepted[0] > 0, "some corrupted programs are still valid ones");
    }

    private static void assertTyped(String field, Object value) {
        NodeMessages.Kind kind = NodeMessages.STATUS_FIELDS.get(field);
        if (kind == null) {
            fail("field '" + field + "' is not a status field but was used");
        }
        boolean ok = switch (kind) {
            case BOOLEAN -> value instanceof Boolean;
            case NUMBER -> value instanceof Double d && Double.isFinite(d);
            case COUNT -> value instanceof Long l && l >= 0;
            case TEXT -> value instanceof String s && s.length() <= 64;
        };
        assertTrue(
                ok,
                "field '" + field + "' used as " + value + " ("
                        + value.getClass().getSimpleName() + "), not " + kind);
    }
}
