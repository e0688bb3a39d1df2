package org.urbis.telemetry.internal.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.DataType;
import org.urbis.telemetry.internal.Devices;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.Subscriber;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.link.LinkStats;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * Sparkplug B 3.0 primary host awareness through a real mosquitto: the operations centre's host
 * application publishes its retained STATE, the node births only while it is online, and the
 * commands of devices it does not have are left to their own runtime.
 */
class PrimaryHostTest {

    private static final String PREFIX = "spBv1.0/phan-thiet/";
    private static final String STATE = SparkplugEncoding.stateTopic("scada");

    @TempDir
    Path tmp;

    private Mosquitto broker;
    private Subscriber ioc;
    private DurableLog log;
    private Uplink uplink;
    private final List<CommandRequest> commands = new CopyOnWriteArrayList<>();
    private final AtomicLong bdSeq = new AtomicLong(7);

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(tmp.resolve("broker"));
        ioc = new Subscriber(broker.url(), "scada", "spBv1.0/#");
        log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults());
        SparkplugEncoding encoding =
                new SparkplugEncoding(new NodeIdentity("phan-thiet", "node-1"), "scada", bdSeq::getAndIncrement);
        uplink = new Uplink(
                LinkSettings.plain(broker.url(), "urbis-node-1"),
                encoding,
                new MapCatalogue(Devices.streetlight("SL-1")),
                log,
                req -> {
                    commands.add(req);
                    return CompletableFuture.completedFuture(new CommandResult(
                            req.correlation(), req.deviceId(), CommandState.CONFIRMED, "", Instant.now(), List.of()));
                });
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {uplink, ioc, log, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private void append(String dev, long time, double dim) throws Exception {
        log.append(List.of(
                RecordCodec.encode(TelemetryRecord.value(dev, time, "dim", DataType.FLOAT, dim, "GOOD", "NONE", ""))));
    }

    private void state(boolean online, long timestamp) throws Exception {
        ioc.publishRetained(
                STATE,
                ("{\"online\":" + online + ",\"timestamp\":" + timestamp + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Topics in the order the host application received them, its own STATE included. */
    private List<String> topics() {
        return ioc.messages.stream().map(Subscriber.Received::topic).toList();
    }

    private static SparkplugBPayload decode(byte[] payload) throws Exception {
        return new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
    }

    private static Object metric(SparkplugBPayload p, String name) {
        return p.getMetrics().stream()
                .filter(m -> name.equals(m.getName()))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    /** The dim values the host application received, in order. */
    private List<Double> dims() {
        List<Double> out = new ArrayList<>();
        for (Subscriber.Received r : ioc.on(PREFIX + "DDATA/node-1/SL-1")) {
            try {
                for (Metric m : decode(r.payload()).getMetrics()) {
                    if (m.getValue() instanceof Double d) {
                        out.add(d);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("not Sparkplug B: " + r.topic(), e);
            }
        }
        return out;
    }

    private void dcmd(String device) throws Exception {
        SparkplugBPayload p = new SparkplugBPayload(
                new Date(), List.of(new Metric.MetricBuilder("dim", MetricDataType.Double, 40.0).createMetric()), 0L);
        ioc.publish(PREFIX + "DCMD/node-1/" + device, new SparkplugBPayloadEncoder().getBytes(p, false));
    }

    @Test
    void birthsWaitForTheHostOnlineGoQuietWhileItIsOfflineAndReplayTheBufferAfterTheNextBirth() throws Exception {
        long t0 = System.currentTimeMillis() - 60_000;
        append("SL-1", t0, 10.0);
        uplink.start();
        Await.until(
                "connected and waiting for the host",
                Duration.ofSeconds(10),
                () -> uplink.stats().state() == Uplink.State.CONNECTED);
        LinkStats.HostStatus waiting = uplink.stats().host();
        assertEquals("scada", waiting.id());
        assertFalse(waiting.known());
        assertFalse(waiting.born());

        long online1 = System.currentTimeMillis();
        state(true, online1);
        Await.until(
                "births and the buffered value",
                Duration.ofSeconds(10),
                () -> dims().contains(10.0),
                () -> topics().toString());
        assertEquals(STATE, topics().get(0), "nothing of the node before the host's online STATE");
        assertEquals(PREFIX + "NBIRTH/node-1", topics().get(1));
        SparkplugBPayload nbirth =
                decode(ioc.on(PREFIX + "NBIRTH/node-1").get(0).payload());
        assertEquals(7L, metric(nbirth, "bdSeq"));
        Metric replayed = decode(ioc.on(PREFIX + "DDATA/node-1/SL-1").get(0).payload())
                .getMetrics()
                .get(0);
        assertTrue(replayed.isHistorical(), "buffered before the birth: historical");

        // A STATE older than the one seen (the host's previous session's late death) changes nothing.
        state(false, online1 - 1);
        // Another runtime's device: no command, no answer; the STATE before it has been handled by then.
        dcmd("SL-9");
        Await.until(
                "the foreign DCMD ignored",
                Duration.ofSeconds(10),
                () -> uplink.stats().ignored() == 1);
        append("SL-1", System.currentTimeMillis(), 20.0);
        Await.until("live data still flowing", Duration.ofSeconds(10), () -> dims().contains(20.0));
        assertTrue(ioc.on(PREFIX + "NDEATH/node-1").isEmpty(), "a stale offline STATE is ignored");
        assertTrue(commands.isEmpty());
        assertTrue(ioc.on(PREFIX + "NDATA/node-1").isEmpty(), "no REJECTED or error echo for another runtime's device");

        // The host goes offline: NDEATH, a new session that stays quiet, data kept in the buffer.
        state(false, online1 + 1);
        Await.until(
                "NDEATH",
                Duration.ofSeconds(10),
                () -> !ioc.on(PREFIX + "NDEATH/node-1").isEmpty());
        assertEquals(
                7L,
                metric(decode(ioc.on(PREFIX + "NDEATH/node-1").get(0).payload()), "bdSeq"),
                "the death certificate of the session that was born");
        Await.until(
                "reconnected, quiet",
                Duration.ofSeconds(10),
                () -> uplink.stats().connects() == 2
                        && uplink.stats().host().known()
                        && !uplink.stats().host().online());
        long t1 = System.currentTimeMillis();
        append("SL-1", t1, 30.0);
        append("SL-1", t1 + 1, 31.0);
        assertFalse(uplink.stats().host().born());

        long online2 = System.currentTimeMillis();
        state(true, online2);
        Await.until(
                "born again, the buffer replayed",
                Duration.ofSeconds(10),
                () -> dims().contains(31.0),
                () -> topics().toString());
        List<String> topics = topics();
        int secondOnline = topics.lastIndexOf(STATE);
        int secondBirth = topics.lastIndexOf(PREFIX + "NBIRTH/node-1");
        assertTrue(secondBirth > secondOnline, "the second birth follows the host's return: " + topics);
        assertEquals(
                List.of(PREFIX + "NDEATH/node-1", STATE, PREFIX + "NBIRTH/node-1"),
                topics.subList(topics.indexOf(PREFIX + "NDEATH/node-1"), secondBirth + 1),
                "nothing published between the death and the host's return");
        SparkplugBPayload again = decode(ioc.on(PREFIX + "NBIRTH/node-1").get(1).payload());
        assertEquals(8L, metric(again, "bdSeq"), "a new session, a new bdSeq");
        assertEquals(0L, again.getSeq());
        List<Metric> afterReturn = new ArrayList<>();
        for (Subscriber.Received r : ioc.on(PREFIX + "DDATA/node-1/SL-1")) {
            afterReturn.addAll(decode(r.payload()).getMetrics());
        }
        Metric v30 = afterReturn.stream()
                .filter(m -> Double.valueOf(30.0).equals(m.getValue()))
                .findFirst()
                .orElseThrow();
        assertTrue(v30.isHistorical(), "buffered while the host was away: historical");
        assertEquals(new Date(t1), v30.getTimestamp());
        assertEquals(List.of(10.0, 20.0, 30.0, 31.0), dims().stream().distinct().toList(), "nothing lost, in order");
    }

    @Test
    void aNodeOnABrokerWhereTheHostIsOfflineMovesOnToTheNextBrokerOfItsList() throws Exception {
        try (Mosquitto other = Mosquitto.start(tmp.resolve("other"));
                Subscriber iocOther = new Subscriber(other.url(), "scada", "spBv1.0/#")) {
            // The host lost the first broker (its retained STATE there says offline) but is online on the other.
            state(false, 1000);
            iocOther.publishRetained(STATE, "{\"online\":true,\"timestamp\":1000}".getBytes(StandardCharsets.UTF_8));
            SparkplugEncoding encoding =
                    new SparkplugEncoding(new NodeIdentity("phan-thiet", "node-1"), "scada", bdSeq::getAndIncrement);
            try (Uplink walking = new Uplink(
                            LinkSettings.plain(broker.url() + "," + other.url(), "urbis-node-1"),
                            encoding,
                            new MapCatalogue(Devices.streetlight("SL-1")),
                            log,
                            req -> null)
                    .start()) {
                // The node counts itself born once the broker has acknowledged the NBIRTH, which may be
                // just after the host application has received it.
                Await.until(
                        "born on the broker where the host is online",
                        Duration.ofSeconds(30),
                        () -> !iocOther.on(PREFIX + "NBIRTH/node-1").isEmpty()
                                && walking.stats().host().born(),
                        () -> walking.stats().toString());
                assertEquals(other.url(), walking.stats().connectedTo());
                assertTrue(ioc.on(PREFIX + "NBIRTH/node-1").isEmpty(), "no birth where the host is offline");
            }
        }
    }

    @Test
    void aSparkplug2PlainStateIsUnderstoodAndAnotherHostsStateIsNot() throws Exception {
        ioc.publishRetained(
                SparkplugEncoding.stateTopic("other-host"),
                "{\"online\":true,\"timestamp\":1}".getBytes(StandardCharsets.UTF_8));
        uplink.start();
        Await.until("connected", Duration.ofSeconds(10), () -> uplink.stats().state() == Uplink.State.CONNECTED);
        ioc.publishRetained(STATE, "ONLINE".getBytes(StandardCharsets.UTF_8));
        Await.until(
                "NBIRTH",
                Duration.ofSeconds(10),
                () -> !ioc.on(PREFIX + "NBIRTH/node-1").isEmpty());
        assertTrue(topics().indexOf(PREFIX + "NBIRTH/node-1") > topics().indexOf(STATE), topics().toString());

        dcmd("SL-1");
        Await.until("a command for its own device", Duration.ofSeconds(10), () -> commands.size() == 1);
        ioc.publishRetained(STATE, "OFFLINE".getBytes(StandardCharsets.UTF_8));
        Await.until(
                "NDEATH",
                Duration.ofSeconds(10),
                () -> !ioc.on(PREFIX + "NDEATH/node-1").isEmpty());
    }
}
