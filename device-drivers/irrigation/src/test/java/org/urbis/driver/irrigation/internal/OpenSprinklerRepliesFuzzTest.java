package org.urbis.driver.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;
import org.urbis.testing.Mutations;

/**
 * Controller replies corrupted on the wire (seeded, bounded): every one is read through the same HTTP
 * reader and JSON decoding as a live reply and is either used, with values in their documented ranges,
 * or refused with a reason; none throws anything else, and none hangs. {@code -Pfuzz-full} feeds a
 * million.
 */
class OpenSprinklerRepliesFuzzTest {

    private static final int INPUTS = Integer.getInteger("irrigation.fuzz.inputs", 20_000);

    private static final String JC =
            "{\"devt\":1764586800,\"nbrd\":1,\"en\":1,\"sn1\":0,\"sn2\":1,\"rd\":1,\"rdst\":1764600000,"
                    + "\"sunrise\":345,\"sunset\":1050,\"lrun\":[0,0,0,0],\"sbits\":[130,0],\"ps\":[[0,0,0,0],[99,540,1764586740,0],"
                    + "[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0],[0,0,0,0]],\"flcrt\":75,\"flwrt\":30,\"curr\":320}";
    private static final String JO =
            "{\"fwv\":220,\"tz\":76,\"mas\":8,\"wl\":100,\"den\":1,\"uwt\":0,\"fpr0\":10,\"fpr1\":0,"
                    + "\"sn1t\":2,\"sn2t\":1}";
    private static final String JL = "[[99,1,600,1764586000],[0,\"rd\",3600,1764586100],[2,3,900,1764586200]]";
    private static final List<byte[]> SEEDS = List.of(
            reply(JC, false),
            reply(JO, true),
            reply(JL, false),
            reply("{\"result\":17}", false),
            reply("{\"result\":1}", true));

    private static byte[] reply(String json, boolean chunked) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n";
        if (chunked) {
            String hex = Integer.toHexString(body.length);
            return (head + "Transfer-Encoding: chunked\r\n\r\n" + hex + "\r\n" + json + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return (head + "Content-Length: " + body.length + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyCorruptedReplyIsUsedWithinItsRangesOrRefused() {
        Random rnd = new Random(20261201L);
        int[] outcome = new int[3]; // used, refused by HTTP, refused by content
        assertTimeoutPreemptively(Duration.ofSeconds(INPUTS / 200 + 60), () -> {
            for (int i = 0; i < INPUTS; i++) {
                byte[] wire =
                        i % 5 == 0 ? Mutations.random(rnd, 400) : Mutations.mutate(SEEDS.get(i % SEEDS.size()), rnd);
                HttpReply reply;
                try {
                    reply = HttpReply.read(new ByteArrayInputStream(wire), OpenSprinklerClient.MAX_BODY);
                } catch (HttpReply.Malformed e) {
                    assertFalse(e.getMessage().isBlank(), "a refusal says why");
                    outcome[1]++;
                    continue;
                } catch (IOException e) {
                    throw new AssertionError("a byte array cannot fail to read", e);
                }
                try {
                    use(reply);
                    outcome[0]++;
                } catch (DriverException e) {
                    assertFalse(e.getMessage().isBlank(), "a refusal says why");
                    assertTrue(
                            e.reason() == QualityReason.COMM_ERROR
                                    || e.reason() == QualityReason.DEVICE_ERROR
                                    || e.reason() == QualityReason.CONFIGURATION_ERROR,
                            e.reason() + " " + e.getMessage());
                    outcome[2]++;
                }
            }
        });
        assertTrue(
                outcome[0] > 0 && outcome[1] > 0 && outcome[2] > 0, "every outcome seen: " + Arrays.toString(outcome));
    }

    private static void use(HttpReply reply) throws DriverException {
        var node = OpenSprinklerClient.decode("/jc", reply);
        if (node.isArray()) {
            for (OpenSprinklerReplies.LogEntry e : OpenSprinklerReplies.log(node)) {
                assertTrue(e.station() >= 0 && e.station() < PointRole.MAX_ZONES && e.seconds() >= 0, e.toString());
            }
        } else if (node.has("devt")) {
            OpenSprinklerReplies.Variables v = OpenSprinklerReplies.variables(node);
            assertTrue(v.stations() % 8 == 0 && v.stations() >= 8 && v.flowWindow() >= 0 && v.flowCount() >= 0);
            for (int s = 0; s < v.stations(); s++) {
                assertTrue(v.runLength(s) >= 0 && v.remaining()[s] >= 0, "station " + s);
            }
            assertTrue(v.rainDelayHours() >= 0);
        } else if (node.has("tz")) {
            OpenSprinklerReplies.Options o = OpenSprinklerReplies.options(node);
            assertTrue(o.tz() >= OpenSprinklerReplies.TZ_MIN
                    && o.tz() <= OpenSprinklerReplies.TZ_MAX
                    && o.waterLevel() >= 0
                    && o.waterLevel() <= 250
                    && o.pulseCentilitres() >= 0);
            o.utc(0);
        }
    }
}
