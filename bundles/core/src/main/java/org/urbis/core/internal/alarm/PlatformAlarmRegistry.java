package org.urbis.core.internal.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.core.internal.event.EventBus;

/**
 * The alarms of platform components (telemetry, inventory, trust, …), by source and type: raised,
 * acknowledged and cleared, each change an event. Device alarms live with their device.
 */
@Component(service = {PlatformAlarms.class, PlatformAlarmRegistry.class})
public final class PlatformAlarmRegistry implements PlatformAlarms {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformAlarmRegistry.class);

    private final EventBus events;
    private final Clock clock = Clock.systemUTC();
    /** Active alarms by source/type. */
    private final Map<String, Alarm> alarms = new ConcurrentHashMap<>();

    @Activate
    public PlatformAlarmRegistry(@Reference(name = "events") EventBus events) {
        this.events = events;
    }

    @Override
    public void raise(String source, String type, AlarmSeverity severity, String message) {
        Instant now = clock.instant();
        Alarm alarm = new Alarm(source, type, severity, AlarmState.RAISED, message, now, now, "");
        if (alarms.putIfAbsent(source + '/' + type, alarm) == null) {
            LOG.warn("ALARM {} {} raised: {}", source, type, message);
            events.publish(new AlarmChanged(alarm));
        }
    }

    @Override
    public void clear(String source, String type, String message) {
        Alarm active = alarms.remove(source + '/' + type);
        if (active != null) {
            LOG.info("ALARM {} {} cleared: {}", source, type, message);
            events.publish(new AlarmChanged(new Alarm(
                    source,
                    type,
                    active.severity(),
                    AlarmState.CLEARED,
                    message == null || message.isEmpty() ? active.message() : message,
                    active.raisedAt(),
                    clock.instant(),
                    "")));
        }
    }

    /** The alarms not yet cleared, in no particular order. */
    public List<Alarm> active() {
        return List.copyOf(alarms.values());
    }

    /**
     * Acknowledges an active alarm.
     *
     * @return the acknowledged alarm, or empty when there is no such active alarm
     */
    public Optional<Alarm> acknowledge(String source, String type, String actor) {
        String key = source + '/' + type;
        Alarm current = alarms.get(key);
        if (current == null || current.state() == AlarmState.ACKNOWLEDGED) {
            return Optional.ofNullable(current);
        }
        Alarm acked = new Alarm(
                current.deviceId(),
                type,
                current.severity(),
                AlarmState.ACKNOWLEDGED,
                current.message(),
                current.raisedAt(),
                clock.instant(),
                actor);
        if (alarms.replace(key, current, acked)) {
            events.publish(new AlarmChanged(acked));
        }
        return Optional.of(acked);
    }
}
