package org.urbis.driver.parking.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.urbis.parking.codec.Downlink;

/** The two network servers' JSON as they write it, including the fields they leave out. */
class NetworkServerTest {

    private static NetworkServer.Parsed parse(NetworkServer server, String topic, String json)
            throws NetworkServer.Refused {
        return server.parse(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A ChirpStack v4 uplink with fCnt 0 and confirmed false left out, heard by two gateways. */
    @Test
    void chirpStackUplinkWithLeftOutDefaults() throws Exception {
        NetworkServer.Parsed p =
                parse(NetworkServer.CHIRPSTACK, "application/7f3a/device/70b3d57ed0051a01/event/up", """
                {"deduplicationId":"3ac7e3c4-4401-4b8d-9386-a5c902f9202d","time":"2026-12-01T08:00:01.5Z",
                 "deviceInfo":{"tenantId":"t","applicationId":"7f3a","devEui":"70b3d57ed0051a01","tags":{}},
                 "devAddr":"00189440","adr":true,"dr":5,"fPort":1,"data":"lQ==",
                 "rxInfo":[{"gatewayId":"a","rssi":-97,"snr":2.5},{"gatewayId":"b","rssi":-60,"snr":9.25}],
                 "txInfo":{"frequency":923200000}}""");
        NetworkEvent.Uplink up = assertInstanceOf(NetworkEvent.Uplink.class, p.event());
        assertEquals("70B3D57ED0051A01", up.devEui());
        assertEquals(0, up.fCnt());
        assertEquals(1, up.fPort());
        assertArrayEquals(new byte[] {(byte) 0x95}, up.payload());
        assertEquals(Instant.parse("2026-12-01T08:00:01.5Z"), up.time(), "the network server's time");
        assertEquals(-60.0, up.rssi());
        assertEquals(9.25, up.snr());
        assertEquals("application/7f3a/device/70b3d57ed0051a01", p.route());
    }

    @Test
    void chirpStackStatusLogAndAcks() throws Exception {
        String base = "application/a/device/70B3D57ED0051A01/event/";
        String info = "\"time\":\"2026-12-01T08:00:00Z\",\"deviceInfo\":{\"devEui\":\"70b3d57ed0051a01\"}";
        NetworkEvent.Status s = assertInstanceOf(
                NetworkEvent.Status.class,
                parse(NetworkServer.CHIRPSTACK, base + "status", "{" + info + ",\"margin\":7,\"batteryLevel\":85.5}")
                        .event());
        assertEquals(85.5, s.batteryPercent());
        assertNull(((NetworkEvent.Status) parse(
                                NetworkServer.CHIRPSTACK,
                                base + "status",
                                "{" + info + ",\"batteryLevelUnavailable\":true}")
                        .event())
                .batteryPercent());
        NetworkEvent.Logged log = assertInstanceOf(
                NetworkEvent.Logged.class,
                parse(
                                NetworkServer.CHIRPSTACK,
                                base + "log",
                                "{" + info
                                        + ",\"level\":\"WARNING\",\"code\":\"UPLINK_F_CNT_RETRANSMISSION\",\"description\":\"x\"}")
                        .event());
        assertEquals("UPLINK_F_CNT_RETRANSMISSION", log.code());
        // level INFO and code UNKNOWN are proto3 defaults: left out
        assertEquals(
                "UNKNOWN",
                ((NetworkEvent.Logged) parse(NetworkServer.CHIRPSTACK, base + "log", "{" + info + "}")
                                .event())
                        .code());
        assertEquals(
                false,
                ((NetworkEvent.DownlinkAcknowledged)
                                parse(NetworkServer.CHIRPSTACK, base + "ack", "{" + info + ",\"queueItemId\":\"q\"}")
                                        .event())
                        .acknowledged());
        assertInstanceOf(
                NetworkEvent.DownlinkSent.class,
                parse(NetworkServer.CHIRPSTACK, base + "txack", "{" + info + "}")
                        .event());
        assertInstanceOf(
                NetworkEvent.Joined.class,
                parse(NetworkServer.CHIRPSTACK, base + "join", "{" + info + "}").event());
        assertNull(parse(NetworkServer.CHIRPSTACK, base + "integration", "{}"), "an event this driver does not read");
    }

    @Test
    void chirpStackRefusesWhatItDoesNotWrite() {
        String topic = "application/a/device/70b3d57ed0051a01/event/up";
        String info = "\"time\":\"2026-12-01T08:00:00Z\",\"deviceInfo\":{\"devEui\":\"70b3d57ed0051a01\"}";
        assertTrue(assertThrows(NetworkServer.Refused.class, () -> parse(NetworkServer.CHIRPSTACK, topic, "[1]"))
                .getMessage()
                .contains("not a JSON object"));
        assertTrue(assertThrows(
                        NetworkServer.Refused.class,
                        () -> parse(NetworkServer.CHIRPSTACK, topic, "{" + info + ",\"fPort\":1,\"data\":\"%%%\"}"))
                .getMessage()
                .contains("base64"));
        assertTrue(assertThrows(
                        NetworkServer.Refused.class,
                        () -> parse(NetworkServer.CHIRPSTACK, topic, "{" + info + ",\"fPort\":1,\"fCnt\":-3}"))
                .getMessage()
                .contains("fCnt"));
        assertTrue(assertThrows(
                        NetworkServer.Refused.class,
                        () -> parse(NetworkServer.CHIRPSTACK, topic, "{\"time\":\"x\",\"fPort\":1}"))
                .getMessage()
                .contains("time"));
        assertTrue(assertThrows(
                        NetworkServer.Refused.class,
                        () -> parse(
                                NetworkServer.CHIRPSTACK,
                                "application/a/device/70b3d57ed0051a02/event/up",
                                "{" + info + ",\"fPort\":1}"))
                .getMessage()
                .contains("not the topic's"));
        assertTrue(assertThrows(
                        NetworkServer.Refused.class,
                        () -> parse(
                                NetworkServer.CHIRPSTACK,
                                "application/a/device/nothex/event/up",
                                "{" + info + ",\"fPort\":1}"))
                .getMessage()
                .contains("DevEUI"));
    }

    /** A The Things Stack v3 uplink: the topic names the device id; f_cnt 0 left out. */
    @Test
    void thingsStackUplink() throws Exception {
        NetworkServer.Parsed p = parse(NetworkServer.THINGS_STACK, "v3/parking@phanthiet/devices/bay-001/up", """
                {"end_device_ids":{"device_id":"bay-001","application_ids":{"application_id":"parking"},
                  "dev_eui":"70B3D57ED0051A01","dev_addr":"260B1234"},
                 "received_at":"2026-12-01T08:00:02.9Z",
                 "uplink_message":{"session_key_id":"AXA=","f_port":2,"frm_payload":"ANPYAFkL",
                  "rx_metadata":[{"gateway_ids":{"gateway_id":"gw1"},"rssi":-101,"channel_rssi":-101,"snr":-3.5}],
                  "received_at":"2026-12-01T08:00:02.5Z"}}""");
        NetworkEvent.Uplink up = assertInstanceOf(NetworkEvent.Uplink.class, p.event());
        assertEquals("70B3D57ED0051A01", up.devEui());
        assertEquals(0, up.fCnt());
        assertEquals(2, up.fPort());
        assertEquals(6, up.payload().length);
        assertEquals(Instant.parse("2026-12-01T08:00:02.5Z"), up.time(), "the network server's time of the uplink");
        assertEquals(-101.0, up.rssi());
        assertEquals("v3/parking@phanthiet/devices/bay-001", p.route());
        assertInstanceOf(
                NetworkEvent.DownlinkAcknowledged.class,
                parse(
                                NetworkServer.THINGS_STACK,
                                "v3/parking@phanthiet/devices/bay-001/down/ack",
                                "{\"end_device_ids\":{\"device_id\":\"bay-001\","
                                        + "\"dev_eui\":\"70b3d57ed0051a01\"},\"received_at\":\"2026-12-01T08:00:02Z\"}")
                        .event());
    }

    @Test
    void downlinksInEachServersFormat() {
        Downlink d = new Downlink(10, new byte[] {1});
        NetworkServer.Outgoing cs =
                NetworkServer.CHIRPSTACK.downlink("application/a/device/70b3d57ed0051a01", "70B3D57ED0051A01", d);
        assertEquals("application/a/device/70b3d57ed0051a01/command/down", cs.topic());
        assertEquals(
                "{\"devEui\":\"70b3d57ed0051a01\",\"confirmed\":true,\"fPort\":10,\"data\":\"AQ==\"}",
                new String(cs.payload(), StandardCharsets.UTF_8));
        NetworkServer.Outgoing tts =
                NetworkServer.THINGS_STACK.downlink("v3/parking@city/devices/bay-001", "70B3D57ED0051A01", d);
        assertEquals("v3/parking@city/devices/bay-001/down/push", tts.topic());
        assertEquals(
                "{\"downlinks\":[{\"f_port\":10,\"frm_payload\":\"AQ==\",\"priority\":\"NORMAL\",\"confirmed\":true}]}",
                new String(tts.payload(), StandardCharsets.UTF_8));
    }
}
