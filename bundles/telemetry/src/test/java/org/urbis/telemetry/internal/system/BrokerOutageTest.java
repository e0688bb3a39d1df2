package org.urbis.telemetry.internal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
 * While point updates flow, the broker is stopped and started again several times: every accepted
 * update reaches the operations centre, in order per device; duplicates are counted, never loss.
 */
class BrokerOutageTest {

    /** CI size; the full-size run is -Durbis.outage.updates=100000 -Durbis.outage.count=10. */
    private static final int UPDATES = Integer.getInteger("urbis.outage.updates", 20_000);

    private static final int DEVICES = 50;
    private static final int OUTAGES = Integer.getInteger("urbis.outage.count", 3);

    @TempDir
    Path tmp;

    @Test
    @Timeout(600)
    void everyAcceptedUpdateArrivesInOrderThroughBrokerRestarts() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber ioc = new Subscriber(broker.url(), "ioc-outage", ThingsBoardEncoding.TELEMETRY);
                DurableLog log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults())) {
            LinkSettings link = new LinkSettings(
                    broker.url(),
                    "urbis-outage",
                    "",
                    "",
                    "",
                    "",
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(50),
                    Duration.ofMillis(500),
                    200,
                    100,
                    Duration.ofSeconds(5));
            try (Uplink uplink =
                    new Uplink(link, new ThingsBoardEncoding(), new MapCatalogue(), log, r -> null).start()) {
                Counting.Producer producer = new Counting.Producer(log, UPDATES, DEVICES);
                AtomicInteger accepted = producer.accepted;
                producer.start();

                for (int k = 1; k <= OUTAGES; k++) {
                    int before = k * UPDATES / (OUTAGES + 2);
                    Await.until(
                            "updates flowing before outage " + k,
                            Duration.ofSeconds(30),
                            () -> accepted.get() >= before);
                    broker.stop();
                    int during = accepted.get() + 1_000;
                    Await.until(
                            "updates accepted while the broker is down",
                            Duration.ofSeconds(30),
                            () -> accepted.get() >= Math.min(during, UPDATES));
                    broker.start();
                }
                producer.join(Duration.ofSeconds(30 + UPDATES / 500).toMillis()); // the load takes UPDATES / 2,000 s
                assertEquals(null, producer.failure);
                assertEquals(UPDATES, accepted.get(), "the buffer accepted everything");

                Counting.Tally tally = new Counting.Tally();
                Await.until(
                        "every update at the operations centre",
                        Duration.ofSeconds(90),
                        () -> {
                            try {
                                tally.update(ioc);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return tally.distinct() == UPDATES;
                        },
                        () -> "distinct " + tally.distinct() + ", first missing " + tally.firstMissing(UPDATES)
                                + ", link " + uplink.stats() + ", store " + log.stats());
                assertEquals(java.util.List.of(), tally.orderViolations, "per-device order");
                Await.until(
                        "the buffer drained",
                        Duration.ofSeconds(10),
                        () -> log.stats().pending() == 0);
                LogStats stats = log.stats();
                assertEquals(0, stats.dropped());
                long ours = tally.duplicates - tally.brokerRedeliveries;
                assertTrue(
                        ours <= stats.possibleDuplicates(),
                        "every duplicate Urbis sent was counted as possible: " + ours + " seen, "
                                + stats.possibleDuplicates() + " counted");
                assertTrue(uplink.stats().connects() >= OUTAGES + 1, "reconnected after each outage");
                System.out.printf(
                        "broker outage test: %d updates, %d outages, %d received, %d duplicates seen "
                                + "(%d of them broker redeliveries), %d counted by Urbis as possible duplicates, %d connects%n",
                        UPDATES,
                        OUTAGES,
                        tally.received,
                        tally.duplicates,
                        tally.brokerRedeliveries,
                        stats.possibleDuplicates(),
                        uplink.stats().connects());
            }
        }
    }
}
