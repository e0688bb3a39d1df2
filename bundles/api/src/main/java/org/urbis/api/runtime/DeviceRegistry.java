package org.urbis.api.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.event.Alarm;

/** The platform's view of every device: inventory, health, last values and alarms. */
@ProviderType
public interface DeviceRegistry {

    /** Ids of all devices in the inventory. */
    Collection<String> deviceIds();

    /** One device with its health and values. */
    Optional<DeviceSnapshot> snapshot(String deviceId);

    /** The devices matching a query, ordered by id. */
    List<DeviceSnapshot> find(DeviceQuery query);

    /**
     * The ids of the devices matching a query, ordered by id, without taking their snapshots: a group command
     * takes each member's snapshot when its turn comes, so that its checks see the device as it is then rather
     * than as it was when the command arrived, seconds before for the last of a large group.
     *
     * @since 1.7
     */
    default List<String> findIds(DeviceQuery query) {
        return find(query).stream().map(s -> s.device().id()).toList();
    }

    /** Alarms not yet cleared, oldest first. */
    List<Alarm> activeAlarms();

    /**
     * Acknowledges an alarm.
     *
     * @param actor who acknowledges it (a user name)
     * @return the acknowledged alarm, or empty when there is no such active alarm
     */
    Optional<Alarm> acknowledge(String deviceId, String type, String actor);
}
