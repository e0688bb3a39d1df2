package org.urbis.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.sparkplug.SparkplugEncoding;
import org.urbis.telemetry.internal.thingsboard.ThingsBoardEncoding;
import org.urbis.testing.Mutations;

/**
 * Random and mutated downlink payloads (seeded, bounded): the decoders answer every one with a
 * result, never an exception, and never hang.
 */
class DownlinkFuzzTest {

    private static final int ITERATIONS = 20_000;
    private static final String DCMD = "spBv1.0/g/DCMD/n/SL-1";
    private static final String NCMD = "spBv1.0/g/NCMD/n";
    private static final byte[] STATE_SEED =
            "{\"online\":true,\"timestamp\":1668114759262}".getBytes(StandardCharsets.UTF_8);

    private static Encoding.Session sparkplug() {
        Encoding.Session s = new SparkplugEncoding(new NodeIdentity("g", "n"), "scada", () -> 0)
                .newSession(new MapCatalogue(Devices.streetlight("SL-1")));
        s.births(); // declares the aliases a DCMD may use
        return s;
    }

    private static byte[] validDcmd() throws Exception {
        SparkplugBPayload p = new SparkplugBPayload(
                new Date(),
                List.of(
                        new Metric.MetricBuilder("dim", MetricDataType.Double, 40.0).createMetric(),
                        new Metric.MetricBuilder("on", MetricDataType.Boolean, true).createMetric(),
                        new Metric.MetricBuilder(1L, MetricDataType.Int64, 7L).createMetric()),
                3L);
        return new SparkplugBPayloadEncoder().getBytes(p, false);
    }

    private static List<byte[]> tbSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : List.of(
                "{\"device\":\"SL-1\",\"data\":{\"id\":7,\"method\":\"set\",\"params\":{\"point\":\"dim\",\"value\":40}}}",
                "{\"device\":\"SL-1\",\"data\":{\"id\":8,\"method\":\"on\",\"params\":true}}",
                "{\"device\":\"SL-1\",\"id\":8,\"data\":{\"success\":true}}",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")) {
            seeds.add(s.getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            deep.append("{\"a\":");
        }
        seeds.add(deep.toString().getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    @Test
    void sparkplugDecoderAnswersEveryRandomOrMutatedPayload() throws Exception {
        Encoding.Session session = sparkplug();
        byte[] seed = validDcmd();
        Random rnd = new Random(20261122L);
        int[] kinds = new int[4];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] payload = i % 3 == 0 ? Mutations.random(rnd, 300) : Mutations.mutate(seed, rnd);
                // Every seventh goes to the primary host's STATE topic, whose payload is JSON.
                Downlink d = session.decode(
                        i % 7 == 0 ? SparkplugEncoding.stateTopic("scada") : i % 5 == 0 ? NCMD : DCMD,
                        i % 7 == 0 ? Mutations.mutate(STATE_SEED, rnd) : payload);
                assertNotNull(d);
                kinds[
                        d instanceof Downlink.Commands
                                ? 0
                                : d instanceof Downlink.Malformed ? 1 : d instanceof Downlink.Rebirth ? 2 : 3]++;
                if (d instanceof Downlink.Malformed m) {
                    assertNotNull(session.errorReply(m));
                }
            }
        });
        assertNotNull(session.decode("spBv1.0/g/DCMD/n", seed), "a DCMD topic without device");
        assertNotNull(session.decode("garbage", seed));
        System.out.printf(
                "sparkplug fuzz: %d commands, %d malformed, %d rebirths, %d ignored%n",
                kinds[0], kinds[1], kinds[2], kinds[3]);
    }

    @Test
    void thingsBoardDecoderAnswersEveryRandomOrMutatedPayload() {
        Encoding.Session session = new ThingsBoardEncoding().newSession(new MapCatalogue(Devices.streetlight("SL-1")));
        List<byte[]> seeds = tbSeeds();
        Random rnd = new Random(11L);
        int[] kinds = new int[4];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] payload = i % 4 == 0
                        ? Mutations.random(rnd, 300)
                        : Mutations.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                Downlink d = session.decode(ThingsBoardEncoding.RPC, payload);
                assertNotNull(d);
                kinds[
                        d instanceof Downlink.Commands
                                ? 0
                                : d instanceof Downlink.Malformed ? 1 : d instanceof Downlink.Rebirth ? 2 : 3]++;
                if (d instanceof Downlink.Malformed m) {
                    assertNotNull(session.errorReply(m));
                }
            }
        });
        for (byte[] seed : seeds) {
            assertNotNull(session.decode(ThingsBoardEncoding.RPC, seed));
        }
        System.out.printf("thingsboard fuzz: %d commands, %d malformed, %d ignored%n", kinds[0], kinds[1], kinds[3]);
    }
}
