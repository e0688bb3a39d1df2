package org.urbis.telemetry.internal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.Subscriber;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.telemetry.internal.store.LogStats;
import org.urbis.telemetry.internal.thingsboard.ThingsBoardEncoding;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * The runtime is killed with SIGKILL while it accepts and forwards updates; after a restart on the
 * same buffer, everything it had accepted reaches the operations centre, and what may have been sent
 * twice is counted. The deadlines are generous: the node is a JVM of its own, slow to start on a
 * loaded machine.
 */
class RuntimeCrashTest {

    private static final int DEVICES = 20;

    @TempDir
    Path tmp;

    private Process startNode(Path store, Mosquitto broker, String encoding) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingNode.class.getName(),
                        store.toString(),
                        broker.url(),
                        String.valueOf(DEVICES),
                        encoding)
                .redirectError(tmp.resolve("node.err").toFile())
                .start();
    }

    @Test
    @Timeout(240)
    void theWillAnnouncesAKilledNodeWithTheBdSeqOfItsBirthAndTheRestartCountsOn() throws Exception {
        Path store = tmp.resolve("store");
        String prefix = "spBv1.0/crash/";
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber ioc = new Subscriber(broker.url(), "ioc-will", "spBv1.0/#")) {
            Process node = startNode(store, broker, "sparkplug");
            Await.until(
                    "the node's birth and data",
                    Duration.ofSeconds(90),
                    () -> !ioc.on(prefix + "DDATA/node/D-0").isEmpty());
            node.destroyForcibly(); // SIGKILL: no goodbye, the broker publishes the Will
            assertTrue(node.waitFor(10, TimeUnit.SECONDS));
            Await.until(
                    "NDEATH",
                    Duration.ofSeconds(90),
                    () -> !ioc.on(prefix + "NDEATH/node").isEmpty());
            long born = bdSeq(ioc.on(prefix + "NBIRTH/node").get(0).payload());
            assertEquals(born, bdSeq(ioc.on(prefix + "NDEATH/node").get(0).payload()), "NDEATH matches its NBIRTH");
            try (DurableLog log = DurableLog.open(store, LogSettings.defaults());
                    Uplink uplink = new Uplink(
                                    LinkSettings.plain(broker.url(), "urbis-crash"),
                                    new org.urbis.telemetry.internal.sparkplug.SparkplugEncoding(
                                            new org.urbis.telemetry.internal.encoding.NodeIdentity("crash", "node"),
                                            new org.urbis.telemetry.internal.BdSeqFile(store.resolve("bdseq"))::next),
                                    new MapCatalogue(),
                                    log,
                                    r -> null)
                            .start()) {
                Await.until(
                        "a new birth",
                        Duration.ofSeconds(60),
                        () -> ioc.on(prefix + "NBIRTH/node").size() == 2);
                assertEquals(
                        (born + 1) & 0xFF,
                        bdSeq(ioc.on(prefix + "NBIRTH/node").get(1).payload()));
                Await.until(
                        "the buffer drained",
                        Duration.ofSeconds(90),
                        () -> log.stats().pending() == 0);
                // What the killed node had not delivered comes now, marked historical.
                // A copy: messages may still arrive, and a live sub-list of them would fail.
                List<Subscriber.Received> seen = List.copyOf(ioc.messages);
                List<Subscriber.Received> after =
                        seen.subList(seen.indexOf(ioc.on(prefix + "NBIRTH/node").get(1)), seen.size());
                Subscriber.Received replay = after.stream()
                        .filter(m -> m.topic().contains("/DDATA/"))
                        .findFirst()
                        .orElseThrow();
                Metric first = new SparkplugBPayloadDecoder()
                        .buildFromByteArray(replay.payload(), null)
                        .getMetrics()
                        .get(0);
                assertTrue(Boolean.TRUE.equals(first.isHistorical()), "replayed data is historical");
            }
        }
    }

    private static long bdSeq(byte[] payload) throws Exception {
        return new SparkplugBPayloadDecoder()
                .buildFromByteArray(payload, null).getMetrics().stream()
                        .filter(m -> "bdSeq".equals(m.getName()))
                        .findFirst()
                        .map(m -> (Long) m.getValue())
                        .orElseThrow();
    }

    @Test
    @Timeout(240)
    void whatWasAcceptedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        Path store = tmp.resolve("store");
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber ioc = new Subscriber(broker.url(), "ioc-crash", ThingsBoardEncoding.TELEMETRY)) {
            Process node = startNode(store, broker, "thingsboard");
            AtomicInteger accepted = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("accepted ")) {
                            accepted.set(Integer.parseInt(line.substring(9)));
                        }
                    }
                } catch (Exception e) {
                    // the process died
                }
            });
            reader.start();
            Await.until(
                    "the node to accept 30,000 updates and deliver some",
                    Duration.ofSeconds(90),
                    () -> accepted.get() >= 30_000 && ioc.messages.size() > 5,
                    () -> "accepted " + accepted.get());
            node.destroyForcibly(); // SIGKILL
            assertTrue(node.waitFor(10, TimeUnit.SECONDS));
            reader.join(5_000);
            int acceptedBeforeKill = accepted.get();

            Counting.Tally tally = new Counting.Tally();
            tally.update(ioc);
            int deliveredBeforeRestart = tally.distinct();
            try (DurableLog log = DurableLog.open(store, LogSettings.defaults());
                    Uplink uplink = new Uplink(
                                    LinkSettings.plain(broker.url(), "urbis-crash"),
                                    new ThingsBoardEncoding(),
                                    new MapCatalogue(),
                                    log,
                                    r -> null)
                            .start()) {
                LogStats recovered = log.stats();
                Await.until(
                        "every accepted update at the operations centre",
                        Duration.ofSeconds(90),
                        () -> {
                            try {
                                tally.update(ioc);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return tally.firstMissing(acceptedBeforeKill) < 0;
                        },
                        () -> "first missing " + tally.firstMissing(acceptedBeforeKill) + " of " + acceptedBeforeKill
                                + ", store " + log.stats());
                Await.until(
                        "the buffer drained",
                        Duration.ofSeconds(60),
                        () -> log.stats().pending() == 0);
                assertEquals(List.of(), tally.orderViolations, "per-device order");
                LogStats after = log.stats();
                long ours = tally.duplicates - tally.brokerRedeliveries;
                assertTrue(
                        ours <= after.possibleDuplicates(),
                        ours + " duplicates seen, " + after.possibleDuplicates() + " counted");
                System.out.printf(
                        "runtime crash test: %d accepted before SIGKILL, %d delivered before it, %d recovered "
                                + "undelivered, %d damaged records cut, %d duplicates seen (%d broker redeliveries), %d counted "
                                + "as possible duplicates%n",
                        acceptedBeforeKill,
                        deliveredBeforeRestart,
                        recovered.recoveredUnacked(),
                        recovered.tornRecords(),
                        tally.duplicates,
                        tally.brokerRedeliveries,
                        after.possibleDuplicates());
            }
        }
    }
}
