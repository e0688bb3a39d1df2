package org.urbis.core.internal.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.core.internal.event.EventBus;
import org.urbis.testing.Await;

class PlatformAlarmRegistryTest {

    private final EventBus events = new EventBus();
    private final List<DeviceEvent> received = new CopyOnWriteArrayList<>();
    private final PlatformAlarmRegistry alarms = new PlatformAlarmRegistry(events);

    @AfterEach
    void stop() {
        events.close();
    }

    @Test
    void aClearWithoutMessageKeepsTheRaisedOneAndARaiseAfterItIsANewAlarm() {
        events.subscribe("test", received::addAll, SubscriptionOptions.lossless());
        alarms.raise("inventory", "REJECTED", AlarmSeverity.MAJOR, "1 problem(s) in zone2.csv");
        alarms.clear("inventory", "REJECTED", "");
        alarms.clear("inventory", "REJECTED", "cleared twice changes nothing");
        alarms.raise("inventory", "REJECTED", AlarmSeverity.MAJOR, "2 problem(s) in zone3.csv");

        assertEquals(
                List.of("2 problem(s) in zone3.csv"),
                alarms.active().stream().map(Alarm::message).toList());
        Await.until("raised, cleared and raised again as events", Duration.ofSeconds(20), () -> received.size() == 3);
        AlarmChanged cleared = (AlarmChanged) received.get(1);
        assertEquals(AlarmState.CLEARED, cleared.alarm().state());
        assertEquals("1 problem(s) in zone2.csv", cleared.alarm().message());
    }

    @Test
    void onlyAnActiveAlarmIsAcknowledgedAndOnlyOnce() {
        assertEquals(Optional.empty(), alarms.acknowledge("telemetry", "STORE_FULL", "maintenance"));
        alarms.raise("telemetry", "STORE_FULL", AlarmSeverity.MAJOR, "buffer 100 % full");
        Alarm acked =
                alarms.acknowledge("telemetry", "STORE_FULL", "maintenance").orElseThrow();
        assertEquals(AlarmState.ACKNOWLEDGED, acked.state());
        assertEquals("maintenance", acked.actor());
        assertEquals(
                Optional.of(acked),
                alarms.acknowledge("telemetry", "STORE_FULL", "operator"),
                "the first acknowledgement stays");
    }
}
