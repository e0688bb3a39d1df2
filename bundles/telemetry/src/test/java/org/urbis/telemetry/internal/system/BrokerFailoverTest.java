package org.urbis.telemetry.internal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.Subscriber;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.telemetry.internal.thingsboard.ThingsBoardEncoding;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * {@code broker.url} with two brokers: while updates flow, the first is stopped; the uplink connects
 * to the second on its own and every accepted update reaches the operations centre, which reads
 * both brokers (what the first had queued for it arrives once it is back).
 */
class BrokerFailoverTest {

    private static final int UPDATES = Integer.getInteger("urbis.failover.updates", 6_000);
    private static final int DEVICES = 20;

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void theUplinkFailsOverToTheNextBrokerOfTheListAndLosesNothing() throws Exception {
        try (Mosquitto first = Mosquitto.start(tmp.resolve("first"));
                Mosquitto second = Mosquitto.start(tmp.resolve("second"));
                Subscriber iocFirst = new Subscriber(first.url(), "ioc-first", ThingsBoardEncoding.TELEMETRY);
                Subscriber iocSecond = new Subscriber(second.url(), "ioc-second", ThingsBoardEncoding.TELEMETRY);
                DurableLog log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults())) {
            LinkSettings link = new LinkSettings(
                    first.url() + ", " + second.url(),
                    "urbis-failover",
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
                Await.until(
                        "connected to the first broker",
                        Duration.ofSeconds(10),
                        () -> first.url().equals(uplink.stats().connectedTo()));
                Counting.Producer producer = new Counting.Producer(log, UPDATES, DEVICES);
                AtomicInteger accepted = producer.accepted;
                producer.start();

                Await.until(
                        "updates flowing through the first broker",
                        Duration.ofSeconds(30),
                        () -> accepted.get() >= UPDATES / 3);
                first.stop();
                Await.until(
                        "failed over to the second broker",
                        Duration.ofSeconds(30),
                        () -> second.url().equals(uplink.stats().connectedTo()),
                        () -> uplink.stats().toString());
                producer.join(Duration.ofSeconds(30 + UPDATES / 500).toMillis());
                assertNull(producer.failure);
                assertEquals(UPDATES, accepted.get(), "the buffer accepted everything");
                Await.until(
                        "the buffer drained through the second broker",
                        Duration.ofSeconds(60),
                        () -> log.stats().pending() == 0,
                        () -> log.stats().toString());

                // What the first broker had accepted for the operations centre but not yet handed on
                // arrives when it returns; the uplink stays where it is.
                first.start();
                AtomicReference<Counting.Tally> last = new AtomicReference<>(new Counting.Tally());
                Await.until(
                        "every update at the operations centre",
                        Duration.ofSeconds(60),
                        () -> {
                            // Read afresh each time, the first broker's messages before the second's: that is their
                            // order.
                            Counting.Tally t = new Counting.Tally();
                            try {
                                t.update(iocFirst);
                                t.update(iocSecond);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            last.set(t);
                            return t.distinct() == UPDATES;
                        },
                        () -> "distinct " + last.get().distinct() + ", first missing "
                                + last.get().firstMissing(UPDATES) + ", link " + uplink.stats() + ", store "
                                + log.stats());
                Counting.Tally tally = last.get();
                assertEquals(List.of(), tally.orderViolations, "per-device order");
                assertEquals(0, log.stats().dropped());
                assertEquals(second.url(), uplink.stats().connectedTo());
                System.out.printf(
                        "broker failover test: %d updates, %d received, %d duplicates (%d broker redeliveries), "
                                + "%d counted by Urbis as possible duplicates, %d connects%n",
                        UPDATES,
                        tally.received,
                        tally.duplicates,
                        tally.brokerRedeliveries,
                        log.stats().possibleDuplicates(),
                        uplink.stats().connects());
            }
        }
    }
}
