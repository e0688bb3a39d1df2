package org.urbis.driver.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.urbis.testing.Mutations;

/**
 * The network servers' JSON corrupted (seeded, bounded): every message is read into an event with
 * a well-formed DevEUI, port and counter, or refused with a reason; nothing else escapes, nothing
 * hangs. The count per server comes from -Dparking.integration.fuzz.messages (the fuzz-full profile
 * runs 250,000 per server; with the codecs' fuzzing, well over a million inputs).
 */
class IntegrationJsonFuzzTest {

    private static final int MESSAGES = Integer.getInteger("parking.integration.fuzz.messages", 20_000);

    private static final String[][] CHIRPSTACK = {
        {
            "application/a/device/70b3d57ed0051a01/event/up",
            "{\"deduplicationId\":\"3ac7\",\"time\":\"2026-12-01T08:00:01.5Z\","
                    + "\"deviceInfo\":{\"applicationId\":\"a\",\"devEui\":\"70b3d57ed0051a01\"},\"fCnt\":17,\"fPort\":1,\"data\":\"lQ==\","
                    + "\"rxInfo\":[{\"gatewayId\":\"g\",\"rssi\":-97,\"snr\":2.5}]}"
        },
        {
            "application/a/device/70b3d57ed0051a01/event/status",
            "{\"time\":\"2026-12-01T08:00:00Z\",\"deviceInfo\":"
                    + "{\"devEui\":\"70b3d57ed0051a01\"},\"margin\":7,\"batteryLevel\":85.5}"
        },
        {
            "application/a/device/70b3d57ed0051a01/event/log",
            "{\"time\":\"2026-12-01T08:00:00Z\",\"deviceInfo\":"
                    + "{\"devEui\":\"70b3d57ed0051a01\"},\"level\":\"WARNING\",\"code\":\"UPLINK_F_CNT_RESET\"}"
        }
    };

    private static final String[][] TTS = {
        {
            "v3/parking@pt/devices/bay-1/up",
            "{\"end_device_ids\":{\"device_id\":\"bay-1\",\"dev_eui\":\"70B3D57ED0051A01\"},"
                    + "\"received_at\":\"2026-12-01T08:00:02.9Z\",\"uplink_message\":{\"f_port\":2,\"f_cnt\":9,"
                    + "\"frm_payload\":\"ANPYAFkL\",\"rx_metadata\":[{\"rssi\":-101,\"snr\":-3.5}],\"received_at\":\"2026-12-01T08:00:02.5Z\"}}"
        },
        {
            "v3/parking@pt/devices/bay-1/down/ack",
            "{\"end_device_ids\":{\"device_id\":\"bay-1\",\"dev_eui\":\"70B3D57ED0051A01\"},"
                    + "\"received_at\":\"2026-12-01T08:00:02Z\"}"
        }
    };

    @ParameterizedTest
    @EnumSource(NetworkServer.class)
    void everyCorruptedMessageIsReadOrRefused(NetworkServer server) {
        String[][] seeds = server == NetworkServer.CHIRPSTACK ? CHIRPSTACK : TTS;
        Random rnd = new Random(server.ordinal() + 2026L);
        int[] outcome = new int[2]; // read, refused
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (int i = 0; i < MESSAGES; i++) {
                String[] seed = seeds[i % seeds.length];
                byte[] payload = i % 5 == 0
                        ? Mutations.random(rnd, 200)
                        : Mutations.mutate(seed[1].getBytes(StandardCharsets.UTF_8), rnd);
                try {
                    NetworkServer.Parsed p = server.parse(seed[0], payload);
                    assertNotNull(p, "the topic is one the driver reads");
                    assertTrue(
                            p.event().devEui().matches("[0-9A-F]{16}"),
                            p.event().devEui());
                    assertTrue(p.event().time() != null);
                    if (p.event() instanceof NetworkEvent.Uplink up) {
                        assertTrue(
                                up.fPort() >= 1 && up.fPort() <= 223 && up.fCnt() >= 0 && up.payload().length <= 242,
                                up.toString());
                    }
                    outcome[0]++;
                } catch (NetworkServer.Refused e) {
                    assertFalse(e.getMessage().isBlank(), "a refusal says why");
                    outcome[1]++;
                }
            }
        });
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "both outcomes seen: " + Arrays.toString(outcome));
        assertEquals(MESSAGES, outcome[0] + outcome[1]);
    }
}
