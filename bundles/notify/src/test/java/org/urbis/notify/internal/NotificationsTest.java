package org.urbis.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.notify.NotificationRecord;
import org.urbis.notify.internal.config.Channel;
import org.urbis.notify.internal.config.SetupReader;
import org.urbis.notify.internal.delivery.Courier;
import org.urbis.notify.internal.delivery.EmailSender;
import org.urbis.notify.internal.delivery.NotificationLog;
import org.urbis.notify.internal.delivery.Outbox;
import org.urbis.notify.internal.delivery.WebhookSender;
import org.urbis.testing.Await;

/**
 * The router and courier end to end against a real SMTP server (aiosmtpd) and a real HTTP receiver,
 * on the test's own time: every pause, escalation, flapping window and quiet hour passes by moving
 * the clock, never by sleeping.
 */
class NotificationsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** 14:00 local on a Tuesday. */
    private static final Instant T0 = Instant.parse("2026-06-02T07:00:00Z");

    private static final String SECRET = "phan-thiet-water-2026";

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(T0);
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final Map<String, String> platformAlarms = alarms.active;
    private final Map<String, MaintenanceWindow> inMaintenance = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = Map.of(
            "RT-001",
                    new Device(
                            "RT-001",
                            DeviceClass.WATER,
                            "water",
                            "127.0.0.1:502",
                            null,
                            Map.of("zone", "PT-Z1"),
                            List.of(),
                            null,
                            null),
            "SL-001",
                    new Device(
                            "SL-001",
                            DeviceClass.STREETLIGHT,
                            "streetlight",
                            "node/SL-001",
                            null,
                            Map.of("cabinet", "CAB-07"),
                            List.of(),
                            null,
                            null));
    private SmtpServer smtp;
    private WebhookReceiver hook;
    private WebhookReceiver lead;
    private NotificationLog log;
    private Courier courier;
    private Router router;

    @BeforeEach
    void setUp() throws IOException {
        smtp = new SmtpServer();
        hook = new WebhookReceiver(SECRET);
        lead = new WebhookReceiver(SECRET);
        log = new NotificationLog(dir.resolve("notifications.log"), 1 << 20);
        courier = new Courier(
                Map.of(Channel.Email.class, new EmailSender(), Channel.Webhook.class, new WebhookSender()),
                log,
                new Outbox(dir.resolve("outbox.json")),
                alarms,
                new Courier.Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(24)),
                time,
                Runnable::run,
                time);
        router = new Router(
                id -> Optional.ofNullable(devices.get(id)),
                d -> Optional.ofNullable(inMaintenance.get(d.id())),
                () -> ZONE,
                courier,
                log,
                new Router.Flapping(3, Duration.ofMinutes(10)),
                time,
                time);
    }

    @AfterEach
    void tearDown() throws Exception {
        hook.close();
        lead.close();
        smtp.close();
        log.close();
    }

    private void configure(String rules, int smtpPort) throws Exception {
        String channels = """
                {"channels": [
                  {"name": "crew-mail", "type": "email", "host": "127.0.0.1", "port": %d, "from": "urbis@phanthiet.example",
                   "to": ["crew@phanthiet.example"], "timeoutSeconds": 5},
                  {"name": "ops-hook", "type": "webhook", "url": "%s", "secret": "%s", "timeoutSeconds": 5},
                  {"name": "lead-hook", "type": "webhook", "url": "%s", "secret": "%s", "timeoutSeconds": 5}]}
                """.formatted(smtpPort, hook.url(), SECRET, lead.url(), SECRET);
        router.setup(SetupReader.read(Map.of("channels.json", channels, "rules.json", rules), g -> true));
    }

    private static String rule(String extra) {
        return """
                {"rules": [{"name": "water-pressure", "classes": ["water"], "types": ["HIGH_PRESSURE"],
                            "channels": ["crew-mail", "ops-hook"]%s}]}
                """.formatted(extra);
    }

    private static Alarm alarm(String device, AlarmSeverity severity, AlarmState state, Instant raisedAt, Instant at) {
        return new Alarm(
                device,
                "HIGH_PRESSURE",
                severity,
                state,
                "pressure 7.4 bar above 6.5 bar",
                raisedAt,
                at,
                state == AlarmState.ACKNOWLEDGED ? "minh" : "");
    }

    private List<NotificationRecord> records() {
        return log.since(Instant.EPOCH, 1000);
    }

    private long count(String outcome) {
        return records().stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    @Test
    void anEMailAndASignedWebhookGoOutOncePerRaiseAndClear() throws Exception {
        configure(rule(""), smtp.port());
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.RAISED, T0, T0));
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.RAISED, T0, T0)); // the same occurrence again
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.ACKNOWLEDGED, T0, T0.plusSeconds(30)));
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.CLEARED, T0, T0.plusSeconds(60)));

        Await.until(
                "two e-mails at the SMTP server",
                Duration.ofSeconds(30),
                () -> smtp.messages().size() >= 2);
        List<String> mails = smtp.messages();
        assertEquals(2, mails.size(), mails.toString());
        assertTrue(mails.get(0).contains("Subject: [Urbis] CRITICAL HIGH_PRESSURE raised on RT-001"), mails.get(0));
        assertTrue(mails.get(0).contains("To: crew@phanthiet.example"), mails.get(0));
        assertTrue(mails.get(0).contains("pressure 7.4 bar above 6.5 bar"), mails.get(0));
        assertTrue(mails.get(1).contains("Subject: [Urbis] CRITICAL HIGH_PRESSURE cleared on RT-001"), mails.get(1));

        List<WebhookReceiver.Delivery> posts = hook.deliveries();
        assertEquals(2, posts.size(), posts.toString());
        assertTrue(
                posts.stream().allMatch(WebhookReceiver.Delivery::signedRight),
                "every body is signed with the secret: " + posts);
        assertTrue(
                posts.get(0).body().contains("\"event\":\"RAISED\""),
                posts.get(0).body());
        assertTrue(
                posts.get(0).body().contains("\"source\":\"RT-001\""),
                posts.get(0).body());
        assertTrue(
                posts.get(1).body().contains("\"event\":\"CLEARED\""),
                posts.get(1).body());
        assertTrue(
                posts.get(0).body().contains("\"id\":\"" + posts.get(0).deliveryId() + "\""),
                "the body names the delivery id of its header: " + posts.get(0));
        assertEquals(4, count("SENT"), records().toString());
    }

    @Test
    void aDeviceInMaintenanceIsRecordedButNotNotified() throws Exception {
        configure("""
                {"rules": [{"name": "all", "channels": ["ops-hook"]}]}
                """, smtp.port());
        inMaintenance.put(
                "SL-001",
                new MaintenanceWindow(
                        "group:cabinet=CAB-07", "cabinet rewiring", "minh", T0, T0.plus(Duration.ofHours(4))));
        Alarm lamp =
                new Alarm("SL-001", "LAMP_FAILURE", AlarmSeverity.MAJOR, AlarmState.RAISED, "lamp out", T0, T0, "");
        router.onAlarm(lamp);
        router.onAlarm(alarm("RT-001", AlarmSeverity.MAJOR, AlarmState.RAISED, T0, T0));

        assertEquals(1, hook.deliveries().size(), "only the water RTU's alarm: " + hook.deliveries());
        assertTrue(hook.deliveries().get(0).body().contains("RT-001"));
        NotificationRecord skipped = records().stream()
                .filter(r -> r.outcome().equals("SKIPPED"))
                .findFirst()
                .orElseThrow();
        assertEquals("SL-001/LAMP_FAILURE", skipped.alarm());
        assertTrue(skipped.detail().contains("maintenance (group:cabinet=CAB-07 by minh"), skipped.detail());
    }

    @Test
    void aWebhookAnswering500IsTriedAgainWithBackoffThenAlarmedAndStillDelivered() throws Exception {
        configure("""
                {"rules": [{"name": "all", "channels": ["ops-hook"]}]}
                """, smtp.port());
        hook.status.set(500);
        router.onAlarm(alarm("RT-001", AlarmSeverity.MAJOR, AlarmState.RAISED, T0, T0));
        assertEquals(1, hook.deliveries().size());
        time.advance(Duration.ofSeconds(2)); // second attempt after 2 s
        assertEquals(2, hook.deliveries().size());
        assertFalse(platformAlarms.containsKey("notify/WEBHOOK_FAILED"), "not before the third attempt");
        time.advance(Duration.ofSeconds(4)); // third after 4 s more
        assertEquals(3, hook.deliveries().size());
        assertTrue(
                platformAlarms.get("notify/WEBHOOK_FAILED").contains("channel ops-hook cannot deliver"),
                platformAlarms.toString());
        assertTrue(platformAlarms.get("notify/WEBHOOK_FAILED").contains("HTTP 500"), platformAlarms.toString());
        assertEquals(3, count("FAILED"));

        hook.status.set(200);
        time.advance(Duration.ofSeconds(8));
        assertEquals(1, hook.accepted().size(), "the message is not lost: delivered once the receiver works");
        assertEquals(
                1,
                hook.deliveries().stream()
                        .map(WebhookReceiver.Delivery::deliveryId)
                        .distinct()
                        .count(),
                "every attempt carries the same delivery id");
        assertFalse(platformAlarms.containsKey("notify/WEBHOOK_FAILED"), "cleared once it delivers again");
        assertEquals(1, count("SENT"));
    }

    @Test
    void anUnreachableSmtpServerRaisesThePlatformAlarm() throws Exception {
        configure(rule(""), SmtpServer.freePort());
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.RAISED, T0, T0));
        time.advance(Duration.ofSeconds(10));
        String alarm = platformAlarms.get("notify/SMTP_UNREACHABLE");
        assertTrue(alarm != null && alarm.contains("channel crew-mail cannot deliver"), platformAlarms.toString());
        assertTrue(
                records().stream()
                        .anyMatch(r -> r.outcome().equals("FAILED")
                                && r.channel().equals("crew-mail")
                                && r.detail().contains("127.0.0.1")),
                records().toString());
        assertEquals(1, hook.deliveries().size(), "the other channel is not held up");
    }

    @Test
    void anAlarmNotAcknowledgedInTimeIsEscalatedToTheSecondChannel() throws Exception {
        configure(rule(", \"escalateAfterMinutes\": 15, \"escalateTo\": [\"lead-hook\"]"), smtp.port());
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.RAISED, T0, T0));
        time.advance(Duration.ofMinutes(14));
        assertTrue(lead.deliveries().isEmpty());
        time.advance(Duration.ofMinutes(1));
        assertEquals(1, lead.deliveries().size());
        assertTrue(
                lead.deliveries().get(0).body().contains("\"event\":\"ESCALATED\""),
                lead.deliveries().get(0).body());

        Instant second = time.instant();
        router.onAlarm(alarm("RT-002", AlarmSeverity.CRITICAL, AlarmState.RAISED, second, second));
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.CLEARED, T0, second));
        router.onAlarm(alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.RAISED, second, second));
        router.onAlarm(
                alarm("RT-001", AlarmSeverity.CRITICAL, AlarmState.ACKNOWLEDGED, second, second.plusSeconds(60)));
        time.advance(Duration.ofMinutes(30));
        assertEquals(1, lead.deliveries().size(), "an acknowledged alarm is not escalated");
    }

    @Test
    void aFlappingAlarmIsGroupedIntoOneMessage() throws Exception {
        configure("""
                {"rules": [{"name": "all", "channels": ["ops-hook"]}]}
                """, smtp.port());
        for (int i = 0; i < 8; i++) {
            Instant raised = time.instant();
            router.onAlarm(alarm("RT-001", AlarmSeverity.MAJOR, AlarmState.RAISED, raised, raised));
            time.advance(Duration.ofSeconds(20));
            router.onAlarm(alarm("RT-001", AlarmSeverity.MAJOR, AlarmState.CLEARED, raised, time.instant()));
            time.advance(Duration.ofSeconds(20));
        }
        assertEquals(6, hook.deliveries().size(), "three raises and their clears one by one, then held");
        time.advance(Duration.ofMinutes(10));
        List<WebhookReceiver.Delivery> all = hook.deliveries();
        assertEquals(7, all.size(), "one grouped message for the rest");
        String grouped = all.get(6).body();
        assertTrue(grouped.contains("\"event\":\"GROUPED\""), grouped);
        assertTrue(grouped.contains("\"raised\":5") && grouped.contains("\"cleared\":5"), grouped);
        assertTrue(grouped.contains("\"state\":\"CLEARED\""), grouped);
        time.advance(Duration.ofMinutes(30));
        assertEquals(7, hook.deliveries().size(), "quiet again: nothing more");
    }

    @Test
    void quietHoursHoldMessagesUntilTheyEndButLetCriticalOnesThrough() throws Exception {
        configure("""
                {"rules": [{"name": "night", "channels": ["ops-hook"], "quietHours": "22:00-06:00", "quietBypass": "CRITICAL"}]}
                """, smtp.port());
        time.advance(Duration.ofHours(9)); // 23:00 local
        Instant night = time.instant();
        router.onAlarm(alarm("RT-001", AlarmSeverity.MAJOR, AlarmState.RAISED, night, night));
        router.onAlarm(
                new Alarm("RT-002", "LEAK", AlarmSeverity.CRITICAL, AlarmState.RAISED, "leak", night, night, ""));
        assertEquals(1, hook.deliveries().size(), "only the critical one at night");
        assertTrue(hook.deliveries().get(0).body().contains("LEAK"));
        time.advance(Duration.ofHours(1));
        router.onAlarm(alarm("RT-001", AlarmSeverity.MAJOR, AlarmState.CLEARED, night, time.instant()));
        time.advance(Duration.ofHours(6)); // past 06:00
        assertEquals(2, hook.deliveries().size(), "one message for the held alarm when the quiet hours end");
        String held = hook.deliveries().get(1).body();
        assertTrue(held.contains("During the quiet hours it was raised at 23:00, then cleared at 00:00"), held);
        assertEquals(2, count("SKIPPED"), records().toString());
    }
}
