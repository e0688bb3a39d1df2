package org.urbis.telemetry.internal.thingsboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.DataType;
import org.urbis.telemetry.internal.Devices;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.MosquittoSub;
import org.urbis.telemetry.internal.Subscriber;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/** The ThingsBoard gateway API through a real mosquitto, read by a real mosquitto_sub process. */
class ThingsBoardUplinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Mosquitto broker;
    private Subscriber server;
    private MosquittoSub sub;
    private DurableLog log;
    private Uplink uplink;
    private final List<CommandRequest> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(tmp.resolve("broker"));
        server = new Subscriber(broker.url(), "thingsboard", "v1/gateway/rpc");
        sub = new MosquittoSub(broker, "v1/gateway/#", server);
        log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults());
        uplink = new Uplink(
                        LinkSettings.plain(broker.url(), "urbis-gw"),
                        new ThingsBoardEncoding(),
                        new MapCatalogue(Devices.streetlight("SL-1")),
                        log,
                        req -> {
                            commands.add(req);
                            CommandState state =
                                    "dim".equals(req.point()) ? CommandState.CONFIRMED : CommandState.REJECTED;
                            return CompletableFuture.completedFuture(new CommandResult(
                                    req.correlation(),
                                    req.deviceId(),
                                    state,
                                    state == CommandState.REJECTED ? "no such point" : "",
                                    Instant.now(),
                                    List.of()));
                        })
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {uplink, sub, server, log, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private void append(TelemetryRecord... records) throws Exception {
        List<byte[]> bytes = new ArrayList<>();
        for (TelemetryRecord r : records) {
            bytes.add(RecordCodec.encode(r));
        }
        log.append(bytes);
    }

    @Test
    void connectTelemetryWithTimestampsAttributesAndDisconnect() throws Exception {
        Await.until(
                "connect",
                Duration.ofSeconds(10),
                () -> !sub.on(ThingsBoardEncoding.CONNECT).isEmpty());
        JsonNode connect = JSON.readTree(sub.on(ThingsBoardEncoding.CONNECT).get(0));
        assertEquals("SL-1", connect.get("device").asText());
        assertEquals("streetlight", connect.get("type").asText());

        long t = 1_700_000_000_000L;
        append(
                TelemetryRecord.value("SL-1", t, "dim", DataType.FLOAT, 70.0, "GOOD", "NONE", ""),
                TelemetryRecord.value("SL-1", t, "on", DataType.BOOLEAN, true, "GOOD", "NONE", ""),
                TelemetryRecord.value("SL-1", t + 1000, "dim", DataType.FLOAT, 150.0, "UNCERTAIN", "OUT_OF_RANGE", ""),
                TelemetryRecord.value("WM-9", t, "flow", DataType.FLOAT, 3.5, "GOOD", "NONE", ""),
                TelemetryRecord.health("SL-1", t + 2000, "DEGRADED", "LAMP_FAILURE", "lamp open"),
                TelemetryRecord.alarm("SL-1", t + 2000, "LAMP_FAILURE", "MAJOR", "RAISED", "lamp open"),
                TelemetryRecord.death("SL-1", t + 3000, "removed from the inventory"));
        Await.until(
                "disconnect",
                Duration.ofSeconds(10),
                () -> !sub.on(ThingsBoardEncoding.DISCONNECT).isEmpty(),
                () -> sub.lines.toString());

        JsonNode telemetry = JSON.readTree(sub.on(ThingsBoardEncoding.TELEMETRY).get(0));
        JsonNode sl1 = telemetry.get("SL-1");
        assertEquals(t, sl1.get(0).get("ts").asLong());
        assertEquals(70.0, sl1.get(0).get("values").get("dim").asDouble());
        assertTrue(sl1.get(0).get("values").get("on").asBoolean());
        assertEquals(150.0, sl1.get(1).get("values").get("dim").asDouble());
        assertEquals(
                "UNCERTAIN:OUT_OF_RANGE",
                sl1.get(1).get("values").get("dim.quality").asText());
        assertEquals(
                3.5, telemetry.get("WM-9").get(0).get("values").get("flow").asDouble(), "many devices per message");
        assertTrue(
                sub.on(ThingsBoardEncoding.CONNECT).stream().anyMatch(c -> c.contains("WM-9")),
                "an unknown device is connected before its first telemetry");

        JsonNode attrs =
                JSON.readTree(sub.on(ThingsBoardEncoding.ATTRIBUTES).get(0)).get("SL-1");
        assertEquals("DEGRADED", attrs.get("health").asText());
        assertEquals("LAMP_FAILURE", attrs.get("healthDetail").asText());
        JsonNode alarm = JSON.readTree(sub.on(ThingsBoardEncoding.TELEMETRY).get(1))
                .get("SL-1")
                .get(0)
                .get("values");
        assertEquals("RAISED", alarm.get("alarm.LAMP_FAILURE").asText());
        assertEquals(
                "SL-1",
                JSON.readTree(sub.on(ThingsBoardEncoding.DISCONNECT).get(0))
                        .get("device")
                        .asText());
    }

    @Test
    void rpcBecomesACommandAndItsResultIsTheReply() throws Exception {
        Await.until(
                "connect",
                Duration.ofSeconds(10),
                () -> !sub.on(ThingsBoardEncoding.CONNECT).isEmpty());
        // Another runtime's device (every gateway on a shared broker reads v1/gateway/rpc): its own runtime answers.
        server.publish(
                ThingsBoardEncoding.RPC,
                "{\"device\":\"WM-9\",\"data\":{\"id\":6,\"method\":\"valve\",\"params\":0}}"
                        .getBytes(StandardCharsets.UTF_8));
        server.publish(
                ThingsBoardEncoding.RPC,
                ("{\"device\":\"SL-1\",\"data\":{\"id\":7,\"method\":\"set\","
                                + "\"params\":{\"point\":\"dim\",\"value\":40}}}")
                        .getBytes(StandardCharsets.UTF_8));
        server.publish(
                ThingsBoardEncoding.RPC,
                "{\"device\":\"SL-1\",\"data\":{\"id\":8,\"method\":\"colour\",\"params\":\"red\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        server.publish(
                ThingsBoardEncoding.RPC, "{\"device\":\"SL-1\",\"data\":{\"id\":9}}".getBytes(StandardCharsets.UTF_8));
        server.publish(ThingsBoardEncoding.RPC, "not json at all".getBytes(StandardCharsets.UTF_8));
        Await.until("three replies", Duration.ofSeconds(10), () -> replies().size() == 3, () -> sub.lines.toString());

        assertEquals(2, commands.size());
        assertEquals(1, uplink.stats().ignored(), "the RPC for another runtime's device");
        assertTrue(replies().stream().noneMatch(r -> r.get("id").asLong() == 6), "and no answer to it");
        assertEquals(40L, commands.get(0).value());
        List<JsonNode> replies = replies();
        JsonNode ok = replies.stream()
                .filter(r -> r.get("id").asLong() == 7)
                .findFirst()
                .orElseThrow();
        assertTrue(ok.get("data").get("success").asBoolean());
        assertEquals("CONFIRMED", ok.get("data").get("state").asText());
        JsonNode refused = replies.stream()
                .filter(r -> r.get("id").asLong() == 8)
                .findFirst()
                .orElseThrow();
        assertFalse(refused.get("data").get("success").asBoolean());
        assertEquals("no such point", refused.get("data").get("reason").asText());
        JsonNode malformed = replies.stream()
                .filter(r -> r.get("id").asLong() == 9)
                .findFirst()
                .orElseThrow();
        assertTrue(malformed.get("data").get("error").asText().contains("no \"method\""));
        // The garbage was sent last and has no id to answer: it is only counted and logged.
        Await.until(
                "both malformed payloads counted",
                Duration.ofSeconds(10),
                () -> uplink.stats().malformed() == 2);
        assertEquals(Uplink.State.CONNECTED, uplink.stats().state(), "bad payloads never take the link down");
    }

    private List<JsonNode> replies() {
        List<JsonNode> out = new ArrayList<>();
        for (String p : sub.on(ThingsBoardEncoding.RPC)) {
            try {
                JsonNode n = JSON.readTree(p);
                if (n.has("id") && n.has("data") && n.get("data").has("success")) {
                    out.add(n);
                }
            } catch (Exception e) {
                // the requests themselves, or garbage sent by the test
            }
        }
        return out;
    }
}
