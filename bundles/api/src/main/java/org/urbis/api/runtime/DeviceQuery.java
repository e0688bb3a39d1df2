package org.urbis.api.runtime;

import org.urbis.api.device.DeviceClass;
import org.urbis.api.health.HealthStatus;

/**
 * Which devices to list; every criterion left {@code null} matches all.
 *
 * @param deviceClass only devices of this class
 * @param group       only devices in this group ({@code key=value} or a bare tag value)
 * @param status      only devices with this health status
 */
public record DeviceQuery(DeviceClass deviceClass, String group, HealthStatus status) {

    /** Every device. */
    public static final DeviceQuery ALL = new DeviceQuery(null, null, null);
}
