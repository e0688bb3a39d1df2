package org.urbis.telemetry.internal.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.DataType;
import org.urbis.telemetry.internal.Devices;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.encoding.Outbound;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.store.LogEntry;

class SparkplugEncodingTest {

    @Test
    void aValueThatDoesNotFitItsDeclaredTypeIsSkippedWithoutBlockingTheOthers() throws Exception {
        Encoding.Session s = new SparkplugEncoding(new NodeIdentity("g", "n"), () -> 0)
                .newSession(new MapCatalogue(Devices.streetlight("SL-1")));
        s.births();
        List<LogEntry> entries = List.of(
                new LogEntry(
                        0,
                        RecordCodec.encode(TelemetryRecord.value(
                                "SL-1", 1, "dim", DataType.STRING, "bright", "GOOD", "NONE", ""))),
                new LogEntry(
                        1,
                        RecordCodec.encode(
                                TelemetryRecord.value("SL-1", 2, "dim", DataType.FLOAT, 30.0, "GOOD", "NONE", ""))),
                new LogEntry(2, new byte[] {9, 9, 9}));
        List<Outbound> out = s.encode(entries, 0);
        assertEquals(1, out.size());
        SparkplugBPayload p =
                new SparkplugBPayloadDecoder().buildFromByteArray(out.get(0).payload(), null);
        assertEquals(1, p.getMetrics().size());
        assertEquals(30.0, p.getMetrics().get(0).getValue());
    }

    @Test
    void maintenanceIsReportedAsTheDevicesMaintenanceMetrics() throws Exception {
        Encoding.Session s = new SparkplugEncoding(new NodeIdentity("g", "n"), () -> 0)
                .newSession(new MapCatalogue(Devices.streetlight("SL-1")));
        s.births();
        TelemetryRecord in = TelemetryRecord.maintenance(
                "SL-1", 5, true, "group:cabinet=CAB-07", "rewiring (minh, until 2026-06-01T14:00:00Z)");
        assertEquals(in, RecordCodec.decode(RecordCodec.encode(in)), "kept as it is by the store-and-forward log");
        List<Outbound> out = s.encode(
                List.of(
                        new LogEntry(0, RecordCodec.encode(in)),
                        new LogEntry(
                                1,
                                RecordCodec.encode(TelemetryRecord.maintenance(
                                        "SL-1", 6, false, "group:cabinet=CAB-07", "ended")))),
                0);
        SparkplugBPayload p =
                new SparkplugBPayloadDecoder().buildFromByteArray(out.get(0).payload(), null);
        List<String> metrics = p.getMetrics().stream()
                .map(m -> m.getName() + "=" + m.getValue())
                .toList();
        assertEquals(
                List.of(
                        "Maintenance/State=IN_MAINTENANCE",
                        "Maintenance/Detail=group:cabinet=CAB-07: rewiring (minh, until 2026-06-01T14:00:00Z)",
                        "Maintenance/State=NONE",
                        "Maintenance/Detail=group:cabinet=CAB-07: ended"),
                metrics);
    }

    @Test
    void sequenceNumbersWrapAt255() throws Exception {
        Encoding.Session s = new SparkplugEncoding(new NodeIdentity("g", "n"), () -> 0)
                .newSession(new MapCatalogue(Devices.streetlight("SL-1")));
        s.births(); // NBIRTH 0, DBIRTH 1
        long last = -1;
        for (int i = 0; i < 300; i++) {
            List<Outbound> out = s.encode(
                    List.of(new LogEntry(
                            i,
                            RecordCodec.encode(TelemetryRecord.value(
                                    "SL-1", i, "energy", DataType.INTEGER, (long) i, "GOOD", "NONE", "")))),
                    0);
            last = new SparkplugBPayloadDecoder()
                    .buildFromByteArray(out.get(0).payload(), null)
                    .getSeq();
        }
        assertEquals((2 + 299) % 256, last);
    }

    @Test
    void aNodeListensToItsOwnCommandsOnlyAndToItsPrimaryHostsState() {
        MapCatalogue catalogue = new MapCatalogue(Devices.streetlight("SL-1"));
        assertEquals(
                List.of("spBv1.0/g/NCMD/n", "spBv1.0/g/DCMD/n/+"),
                new SparkplugEncoding(new NodeIdentity("g", "n"), () -> 0)
                        .newSession(catalogue)
                        .subscriptions(),
                "another node's NCMD and DCMD never reach this one");
        Encoding.Session s = new SparkplugEncoding(new NodeIdentity("g", "n"), "scada", () -> 0).newSession(catalogue);
        assertEquals(List.of("spBv1.0/STATE/scada", "spBv1.0/g/NCMD/n", "spBv1.0/g/DCMD/n/+"), s.subscriptions());

        assertEquals(
                new Downlink.HostState("scada", true, 1668114759262L),
                s.decode(
                        "spBv1.0/STATE/scada",
                        "{\"online\" : true, \"timestamp\" : 1668114759262}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                new Downlink.HostState("scada", false, -1),
                s.decode("spBv1.0/STATE/scada", "OFFLINE".getBytes(StandardCharsets.UTF_8)),
                "Sparkplug 2.x's plain text");
        assertInstanceOf(
                Downlink.Ignored.class,
                s.decode("spBv1.0/STATE/scada", "{\"online\":\"yes\"}".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(
                Downlink.Ignored.class, s.decode("spBv1.0/STATE/other", "ONLINE".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                new Downlink.HostState("scada", true, 7L),
                s.decode("spBv1/0/STATE/scada", "{\"online\":true,\"timestamp\":7}".getBytes(StandardCharsets.UTF_8)),
                "RabbitMQ's MQTT plugin hands a retained STATE to a new subscriber under this name");
        assertInstanceOf(
                Downlink.NotOurs.class,
                s.decode("spBv1.0/g/DCMD/n/SL-9", new byte[] {1, 2, 3}),
                "a device of another runtime is not answered, not even for a payload that is garbage");
    }
}
