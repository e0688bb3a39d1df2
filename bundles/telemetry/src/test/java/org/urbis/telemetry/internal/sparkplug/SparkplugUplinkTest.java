package org.urbis.telemetry.internal.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/** Sparkplug B through a real mosquitto, read back by Tahu's own decoder. */
class SparkplugUplinkTest {

    private static final String PREFIX = "spBv1.0/phan-thiet/";

    @TempDir
    Path tmp;

    private Mosquitto broker;
    private Subscriber ioc;
    private DurableLog log;
    private Uplink uplink;
    private final List<CommandRequest> commands = new CopyOnWriteArrayList<>();
    private final AtomicLong bdSeq = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(tmp.resolve("broker"));
        ioc = new Subscriber(broker.url(), "ioc", "spBv1.0/#");
        log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        if (ioc != null) {
            ioc.close();
        }
        if (log != null) {
            log.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void startUplink() {
        MapCatalogue catalogue = new MapCatalogue(Devices.streetlight("SL-1"), Devices.streetlight("SL-2"));
        SparkplugEncoding encoding =
                new SparkplugEncoding(new NodeIdentity("phan-thiet", "node-1"), bdSeq::getAndIncrement);
        uplink = new Uplink(LinkSettings.plain(broker.url(), "urbis-node-1"), encoding, catalogue, log, req -> {
                    commands.add(req);
                    return CompletableFuture.completedFuture(new CommandResult(
                            req.correlation(), req.deviceId(), CommandState.CONFIRMED, "", Instant.now(), List.of()));
                })
                .start();
    }

    private void append(TelemetryRecord... records) throws Exception {
        List<byte[]> bytes = new ArrayList<>();
        for (TelemetryRecord r : records) {
            bytes.add(RecordCodec.encode(r));
        }
        log.append(bytes);
    }

    private static SparkplugBPayload decode(byte[] payload) throws Exception {
        return new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
    }

    private static Metric metric(SparkplugBPayload p, String name) {
        return p.getMetrics().stream()
                .filter(m -> name.equals(m.getName()))
                .findFirst()
                .orElse(null);
    }

    private List<SparkplugBPayload> all() throws Exception {
        List<SparkplugBPayload> out = new ArrayList<>();
        for (Subscriber.Received r : ioc.messages) {
            out.add(decode(r.payload()));
        }
        return out;
    }

    @Test
    void birthsComeFirstThenDataByAliasWithSequenceNumbersAndReplayedDataIsHistorical() throws Exception {
        long t0 = System.currentTimeMillis() - 60_000;
        // Buffered while the link was not there yet: replayed, so historical.
        append(
                TelemetryRecord.value("SL-1", t0, "dim", DataType.FLOAT, 40.0, "GOOD", "NONE", ""),
                TelemetryRecord.value("SL-1", t0 + 1, "on", DataType.BOOLEAN, true, "GOOD", "NONE", ""));
        startUplink();
        Await.until(
                "births and the replayed DDATA",
                Duration.ofSeconds(10),
                () -> !ioc.on(PREFIX + "DDATA/node-1/SL-1").isEmpty(),
                () -> ioc.messages.toString());

        SparkplugBPayload nbirth =
                decode(ioc.on(PREFIX + "NBIRTH/node-1").get(0).payload());
        assertEquals(0L, nbirth.getSeq());
        assertEquals(0L, metric(nbirth, "bdSeq").getValue());
        assertEquals(false, metric(nbirth, SparkplugEncoding.REBIRTH).getValue());

        SparkplugBPayload dbirth =
                decode(ioc.on(PREFIX + "DBIRTH/node-1/SL-1").get(0).payload());
        Metric dim = metric(dbirth, "dim");
        assertNotNull(dim.getAlias(), "births declare aliases");
        assertEquals(MetricDataType.Double, dim.getDataType());
        assertNotNull(metric(dbirth, SparkplugEncoding.HEALTH_STATUS));
        assertEquals(1, ioc.on(PREFIX + "DBIRTH/node-1/SL-2").size(), "every present device is born");

        SparkplugBPayload ddata =
                decode(ioc.on(PREFIX + "DDATA/node-1/SL-1").get(0).payload());
        assertEquals(2, ddata.getMetrics().size(), "both points in one message");
        Metric first = ddata.getMetrics().get(0);
        assertNull(first.getName(), "data refers to the metric by alias only");
        assertEquals(dim.getAlias(), first.getAlias());
        assertEquals(40.0, first.getValue());
        assertEquals(new Date(t0), first.getTimestamp());
        assertTrue(first.isHistorical(), "replayed from the buffer");

        // Live data: not historical; sequence numbers keep counting.
        append(
                TelemetryRecord.value(
                        "SL-1", System.currentTimeMillis(), "dim", DataType.FLOAT, 55.5, "GOOD", "NONE", ""),
                TelemetryRecord.health("SL-1", System.currentTimeMillis(), "DEGRADED", "LAMP_FAILURE", "lamp 1 open"),
                TelemetryRecord.alarm("SL-1", System.currentTimeMillis(), "LAMP_FAILURE", "MAJOR", "RAISED", "lamp 1"));
        Await.until(
                "live DDATA",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "DDATA/node-1/SL-1").size() >= 2);
        SparkplugBPayload live =
                decode(ioc.on(PREFIX + "DDATA/node-1/SL-1").get(1).payload());
        assertEquals(55.5, live.getMetrics().get(0).getValue());
        assertTrue(!Boolean.TRUE.equals(live.getMetrics().get(0).isHistorical()));
        assertEquals("LAMP_FAILURE", live.getMetrics().get(2).getValue(), "health detail after status");
        assertEquals("RAISED", metric(live, "Alarms/LAMP_FAILURE/State").getValue());

        List<SparkplugBPayload> all = all();
        for (int i = 0; i < all.size(); i++) {
            assertEquals((long) i, all.get(i).getSeq(), "seq counts every message of the node from NBIRTH");
        }
    }

    @Test
    void devicesComeAndGoWithDbirthAndDdeath() throws Exception {
        startUplink();
        Await.until(
                "births",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "DBIRTH/node-1/SL-2").size() == 1);
        long now = System.currentTimeMillis();
        append(
                TelemetryRecord.health("SL-2", now, "DRIVER_MISSING", "NONE", "driver streetlight is not installed"),
                TelemetryRecord.death("SL-2", now, "driver missing"),
                TelemetryRecord.value("SL-2", now, "dim", DataType.FLOAT, 10.0, "UNCERTAIN", "STALE", ""),
                TelemetryRecord.birth(
                        "SL-2", now + 5, "streetlight", SparkplugEncoding.pointsOf(Devices.streetlight("SL-2"))),
                TelemetryRecord.value("SL-2", now + 6, "dim", DataType.FLOAT, 12.0, "GOOD", "NONE", ""));
        Await.until(
                "DDEATH then DBIRTH again",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "DBIRTH/node-1/SL-2").size() == 2
                        && ioc.on(PREFIX + "DDATA/node-1/SL-2").size() == 2);
        List<String> topics = ioc.messages.stream()
                .map(Subscriber.Received::topic)
                .filter(t -> t.endsWith("/SL-2"))
                .toList();
        assertEquals(
                List.of(
                        PREFIX + "DBIRTH/node-1/SL-2",
                        PREFIX + "DDATA/node-1/SL-2",
                        PREFIX + "DDEATH/node-1/SL-2",
                        PREFIX + "DBIRTH/node-1/SL-2",
                        PREFIX + "DDATA/node-1/SL-2"),
                topics);
    }

    @Test
    void rebirthOnRequestAndDcmdBecomesACommandWithItsResultReported() throws Exception {
        startUplink();
        Await.until(
                "births",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "DBIRTH/node-1/SL-2").size() == 1);

        SparkplugBPayload rebirth = new SparkplugBPayload(
                new Date(),
                List.of(new Metric.MetricBuilder(SparkplugEncoding.REBIRTH, MetricDataType.Boolean, true)
                        .createMetric()),
                0L);
        ioc.publish(PREFIX + "NCMD/node-1", new SparkplugBPayloadEncoder().getBytes(rebirth, false));
        Await.until(
                "a second NBIRTH",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "NBIRTH/node-1").size() == 2);
        SparkplugBPayload again = decode(ioc.on(PREFIX + "NBIRTH/node-1").get(1).payload());
        assertEquals(0L, again.getSeq());
        assertEquals(0L, metric(again, "bdSeq").getValue(), "a rebirth keeps the connection's bdSeq");

        SparkplugBPayload dcmd = new SparkplugBPayload(
                new Date(), List.of(new Metric.MetricBuilder("dim", MetricDataType.Double, 40.0).createMetric()), 0L);
        ioc.publish(PREFIX + "DCMD/node-1/SL-1", new SparkplugBPayloadEncoder().getBytes(dcmd, false));
        Await.until("the command", Duration.ofSeconds(10), () -> commands.size() == 1);
        assertEquals("SL-1", commands.get(0).deviceId());
        assertEquals("dim", commands.get(0).point());
        assertEquals(40.0, commands.get(0).value());
        Await.until(
                "the command result",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "DDATA/node-1/SL-1").size() == 1);
        SparkplugBPayload result =
                decode(ioc.on(PREFIX + "DDATA/node-1/SL-1").get(0).payload());
        assertEquals(
                "CONFIRMED",
                metric(result, SparkplugEncoding.COMMAND_RESULT + "dim").getValue());

        ioc.publish(PREFIX + "DCMD/node-1/SL-1", new byte[] {1, 2, 3, 4, 5});
        Await.until(
                "an error reply",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "NDATA/node-1").size() == 1);
        SparkplugBPayload error = decode(ioc.on(PREFIX + "NDATA/node-1").get(0).payload());
        assertTrue(metric(error, SparkplugEncoding.COMMAND_ERROR)
                .getValue()
                .toString()
                .contains("not Sparkplug B"));
        assertEquals(1, uplink.stats().malformed());
    }

    @Test
    void ndeathCarriesTheBdSeqOfItsBirthAndTheNextConnectionCountsOn() throws Exception {
        startUplink();
        Await.until(
                "NBIRTH",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "NBIRTH/node-1").size() == 1);
        uplink.close();
        Await.until(
                "NDEATH",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "NDEATH/node-1").size() == 1);
        SparkplugBPayload death = decode(ioc.on(PREFIX + "NDEATH/node-1").get(0).payload());
        assertEquals(0L, metric(death, "bdSeq").getValue());
        startUplink();
        Await.until(
                "second NBIRTH",
                Duration.ofSeconds(10),
                () -> ioc.on(PREFIX + "NBIRTH/node-1").size() == 2);
        assertEquals(
                1L,
                metric(decode(ioc.on(PREFIX + "NBIRTH/node-1").get(1).payload()), "bdSeq")
                        .getValue());
        Map<String, Integer> unused = new HashMap<>();
        assertTrue(unused.isEmpty());
    }
}
