package org.urbis.driver.parking.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the parking driver, PID {@code org.urbis.driver.parking} ({@code etc/org.urbis.driver.parking.cfg}). */
@ObjectClassDefinition(
        id = ParkingDriverConfig.PID,
        name = "Urbis parking driver",
        description = "Parking-bay sensors over LoRaWAN; the network servers are separate connections "
                + "(org.urbis.driver.parking.connection).")
public @interface ParkingDriverConfig {

    String PID = "org.urbis.driver.parking";

    @AttributeDefinition(
            name = "Heartbeat interval (min)",
            description =
                    "How often sensors send a heartbeat, unless a device's heartbeatMinutes option says otherwise.")
    long heartbeat_minutes() default 180;

    @AttributeDefinition(
            name = "Missed heartbeats",
            description = "A bay unheard for this many heartbeat intervals is UNKNOWN (occupied UNCERTAIN / STALE), "
                    + "with a MISSED_HEARTBEAT alarm.")
    double heartbeat_missedAllowed() default 2;

    @AttributeDefinition(name = "Low battery (%)", description = "Battery levels below this raise LOW_BATTERY.")
    double battery_lowPercent() default 20;
}
