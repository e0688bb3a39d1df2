package org.urbis.api.event;

import java.time.Instant;

/**
 * An alarm was raised, acknowledged or cleared.
 *
 * @param alarm the alarm in its new state
 */
public record AlarmChanged(Alarm alarm) implements DeviceEvent {

    @Override
    public String deviceId() {
        return alarm.deviceId();
    }

    @Override
    public Instant time() {
        return alarm.changedAt();
    }
}
