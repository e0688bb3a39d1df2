package org.urbis.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.notify.NotifyConfigException;
import org.urbis.testing.Await;
import org.urbis.testing.Configs;
import org.urbis.testing.FakeEventStream;
import org.urbis.testing.FakeRegistry;

/** The component as the platform runs it: its folder of files, its alarms, events in and a real receiver out. */
class NotifyServiceTest {

    private static final String SECRET = "phan-thiet-water-2026";

    @TempDir
    Path dir;

    private final RecordingAlarms alarms = new RecordingAlarms();
    private final Map<String, String> platformAlarms = alarms.active;
    private final FakeEventStream events = new FakeEventStream();
    private final Device rtu = new Device(
            "WT-PT-001",
            DeviceClass.WATER,
            "water",
            "127.0.0.1:5020",
            null,
            Map.of("cabinet", "CAB-PT-03"),
            List.of(),
            null,
            null);
    private NotifyService service;
    private WebhookReceiver hook;
    private SmtpServer smtp;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null) {
            service.deactivate();
        }
        if (hook != null) {
            hook.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    private NotifyService start() throws Exception {
        FakeRegistry registry = new FakeRegistry();
        registry.put(
                rtu,
                new DeviceHealth(rtu.id(), HealthStatus.ONLINE, null, "", Instant.EPOCH, Instant.EPOCH, 0, 0),
                Map.of());
        Maintenance maintenance = new Maintenance() {
            @Override
            public MaintenanceWindow set(String target, String reason, String by, Instant end) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<MaintenanceWindow> clear(String target, String by) {
                return Optional.empty();
            }

            @Override
            public List<MaintenanceWindow> windows() {
                return List.of();
            }

            @Override
            public Optional<MaintenanceWindow> windowFor(Device device) {
                return Optional.empty();
            }
        };
        service = new NotifyService(
                events, registry, alarms, maintenance, () -> ZoneId.of("Asia/Ho_Chi_Minh"), config(), null);
        return service;
    }

    private NotifyConfig config() {
        return Configs.of(
                NotifyConfig.class,
                Map.of(
                        "directory",
                        dir.resolve("notify").toString(),
                        "record_file",
                        dir.resolve("data").resolve("notifications.log").toString(),
                        "record_megabytes",
                        1,
                        "delivery_attempts",
                        3,
                        "delivery_firstBackoffSeconds",
                        1L,
                        "delivery_maxBackoffSeconds",
                        5L,
                        "delivery_giveUpHours",
                        1L,
                        "delivery_threads",
                        1));
    }

    private String channels() {
        return """
                {"channels": [{"name": "ops-hook", "type": "webhook", "url": "%s", "secret": "%s"}]}
                """.formatted(hook.url(), SECRET);
    }

    @Test
    void aRuleNamingAGroupWithoutDevicesIsAPlatformAlarmAndRefusedOverTheApi() throws Exception {
        hook = new WebhookReceiver(SECRET);
        Files.createDirectories(dir.resolve("notify"));
        Files.writeString(dir.resolve("notify").resolve("channels.json"), channels());
        Files.writeString(dir.resolve("notify").resolve("rules.json"), """
                {"rules": [{"name": "cabinets", "groups": ["cabinet=CAB-99"], "channels": ["ops-hook"]}]}
                """);
        start();
        assertEquals(
                "rules.json: rules[0].groups[0]: no device is in group 'cabinet=CAB-99'",
                platformAlarms.get("notify/UNKNOWN_GROUP"));

        NotifyConfigException e = assertThrows(NotifyConfigException.class, () -> service.putFile("more.json", """
                {"rules": [{"name": "pumps", "groups": ["zone=NOWHERE"], "channels": ["ops-hook", "pager"]}]}
                """));
        assertTrue(
                e.problems().contains("more.json: rules[0].channels[1]: no channel 'pager'"),
                e.problems().toString());
        assertFalse(Files.exists(dir.resolve("notify").resolve("more.json")), "a refused file is not written");
        assertTrue(platformAlarms.containsKey("notify/CONFIG_REFUSED"), platformAlarms.toString());

        service.putFile("rules.json", """
                {"rules": [{"name": "cabinets", "groups": ["cabinet=CAB-PT-03"], "channels": ["ops-hook"]}]}
                """);
        assertFalse(platformAlarms.containsKey("notify/UNKNOWN_GROUP"), platformAlarms.toString());
        assertFalse(platformAlarms.containsKey("notify/CONFIG_REFUSED"), platformAlarms.toString());
        assertFalse(service.files().get("channels.json").contains(SECRET), "secrets are masked");
    }

    @Test
    void anAlarmEventReachesTheWebhookAndIsRecorded() throws Exception {
        hook = new WebhookReceiver(SECRET);
        Files.createDirectories(dir.resolve("notify"));
        Files.writeString(dir.resolve("notify").resolve("channels.json"), channels());
        Files.writeString(dir.resolve("notify").resolve("rules.json"), """
                {"rules": [{"name": "water", "classes": ["water"], "channels": ["ops-hook"]}]}
                """);
        start();
        Instant now = Instant.now();
        events.deliver(List.of(new AlarmChanged(new Alarm(
                "WT-PT-001", "HIGH_PRESSURE", AlarmSeverity.MAJOR, AlarmState.RAISED, "6.0 bar", now, now, ""))));
        Await.until("the webhook", Duration.ofSeconds(30), () -> hook.accepted().size() == 1);
        assertTrue(hook.accepted().get(0).signedRight());
        Await.until(
                "the record",
                Duration.ofSeconds(30),
                () -> service.records(now.minusSeconds(60), 10).stream()
                        .anyMatch(r -> r.outcome().equals("SENT")));
    }

    @Test
    void aMessageWaitingForADownSmtpServerIsSentAfterARestartOfTheComponent() throws Exception {
        int port = SmtpServer.freePort(); // nothing listens there yet
        Files.createDirectories(dir.resolve("notify"));
        Files.writeString(dir.resolve("notify").resolve("channels.json"), """
                {"channels": [{"name": "crew-mail", "type": "email", "host": "127.0.0.1", "port": %d,
                               "from": "urbis@phanthiet.example", "to": ["crew@phanthiet.example"], "timeoutSeconds": 5}]}
                """.formatted(port));
        Files.writeString(dir.resolve("notify").resolve("rules.json"), """
                {"rules": [{"name": "water", "classes": ["water"], "channels": ["crew-mail"]}]}
                """);
        start();
        Instant now = Instant.now();
        events.deliver(List.of(new AlarmChanged(new Alarm(
                "WT-PT-001",
                "HIGH_PRESSURE",
                AlarmSeverity.MAJOR,
                AlarmState.RAISED,
                "7.4 bar above 6.5 bar",
                now,
                now,
                ""))));
        Await.until(
                "a failed attempt",
                Duration.ofSeconds(30),
                () -> service.records(now.minusSeconds(60), 10).stream()
                        .anyMatch(r -> r.outcome().equals("FAILED")));
        service.deactivate();
        service = null;
        assertTrue(
                Files.readString(dir.resolve("data").resolve("outbox.json")).contains("HIGH_PRESSURE"),
                "the message waits on disk");

        smtp = new SmtpServer(port);
        start();
        Await.until(
                "the e-mail after the restart",
                Duration.ofSeconds(30),
                () -> smtp.messages().size() == 1);
        assertTrue(
                smtp.messages().get(0).contains("7.4 bar above 6.5 bar"),
                smtp.messages().get(0));
        Await.until(
                "the SENT record",
                Duration.ofSeconds(30),
                () -> service.records(now.minusSeconds(60), 10).stream()
                        .anyMatch(r -> r.outcome().equals("SENT") && r.attempt() > 1),
                () -> service.records(now.minusSeconds(60), 10).toString());
        assertEquals("[]", Files.readString(dir.resolve("data").resolve("outbox.json")), "nothing waits any more");
        assertEquals(1, smtp.messages().size(), "sent once");
    }
}
