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

/**
 * Random and mutated downlink payloads (seeded, bounded): the decoders answer every one with a
 * result, never an exception, and never hang.
 */
class DownlinkFuzzTest {

    private static final int ITERATIONS = 20_000;
    private static final String DCMD = "spBv1.0/g/DCMD/n/SL-1";
    private static final String NCMD = "spBv1.0/g/NCMD/n";

    private static Encoding.Session sparkplug() {
        Encoding.Session s = new SparkplugEncoding(new NodeIdentity("g", "n"), () -> 0)
                .newSession(new MapCatalogue(Devices.streetlight("SL-1")));
        s.births(); // declares the aliases a DCMD may use
        return s;
    }

    private static byte[] validDcmd() throws Exception {
        SparkplugBPayload p = new SparkplugBPayload(new Date(), List.of(
                new Metric.MetricBuilder("dim", MetricDataType.Double, 40.0).createMetric(),
                new Metric.MetricBuilder("on", MetricDataType.Boolean, true).createMetric(),
                new Metric.MetricBuilder(1L, MetricDataType.Int64, 7L).createMetric()), 3L);
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

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            switch (rnd.nextInt(4)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                default -> {
                    byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) rnd.nextInt(256);
                    }
                    b = longer;
                }
            }
        }
        return b;
    }

    static byte[] random(Random rnd) {
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void sparkplugDecoderAnswersEveryRandomOrMutatedPayload() throws Exception {
        Encoding.Session session = sparkplug();
        byte[] seed = validDcmd();
        Random rnd = new Random(20261122L);
        int[] kinds = new int[4];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] payload = i % 3 == 0 ? random(rnd) : mutate(seed, rnd);
                Downlink d = session.decode(i % 5 == 0 ? NCMD : DCMD, payload);
                assertNotNull(d);
                kinds[d instanceof Downlink.Commands ? 0 : d instanceof Downlink.Malformed ? 1
                        : d instanceof Downlink.Rebirth ? 2 : 3]++;
                if (d instanceof Downlink.Malformed m) {
                    assertNotNull(session.errorReply(m));
                }
            }
        });
        assertNotNull(session.decode("spBv1.0/g/DCMD/n", seed), "a DCMD topic without device");
        assertNotNull(session.decode("garbage", seed));
        System.out.printf("sparkplug fuzz: %d commands, %d malformed, %d rebirths, %d ignored%n",
                kinds[0], kinds[1], kinds[2], kinds[3]);
    }

    @Test
    void thingsBoardDecoderAnswersEveryRandomOrMutatedPayload() {
        Encoding.Session session = new ThingsBoardEncoding().newSession(new MapCatalogue());
        List<byte[]> seeds = tbSeeds();
        Random rnd = new Random(11L);
        int[] kinds = new int[4];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] payload = i % 4 == 0 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                Downlink d = session.decode(ThingsBoardEncoding.RPC, payload);
                assertNotNull(d);
                kinds[d instanceof Downlink.Commands ? 0 : d instanceof Downlink.Malformed ? 1
                        : d instanceof Downlink.Rebirth ? 2 : 3]++;
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
