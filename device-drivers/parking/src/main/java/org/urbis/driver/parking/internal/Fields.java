package org.urbis.driver.parking.internal;

import java.util.Set;

/** What a bay's points read (their address, or their name when the address is empty). */
final class Fields {

    static final String OCCUPIED = "occupied";
    /** When the bay became occupied, ISO-8601; empty while it is free. */
    static final String OCCUPIED_SINCE = "occupiedSince";
    /** %, from the sensor or the network server's device status. */
    static final String BATTERY = "battery";

    static final String BATTERY_VOLTAGE = "batteryVoltage";
    static final String TEMPERATURE = "temperature";
    static final String RSSI = "rssi";
    static final String SNR = "snr";
    /** OK, LOW_BATTERY, SUSPECT (tamper or obstruction), FAULT or SILENT. */
    static final String HEALTH = "health";
    /** The state of the last recalibration: NONE, SENT, DELIVERED, CONFIRMED, UNKNOWN. */
    static final String RECALIBRATION = "recalibration";
    /**
     * True asks the sensor to recalibrate; it reads true once the last recalibration is CONFIRMED,
     * which is the command pipeline's readback.
     */
    static final String RECALIBRATE = "recalibrate";
    /**
     * The point option (read by the command pipeline too) saying how long a recalibration may take
     * to show: a class-A downlink waits for the sensor's next uplink.
     */
    static final String CONFIRM_WITHIN = "confirmWithin";

    static final Set<String> READABLE = Set.of(
            OCCUPIED,
            OCCUPIED_SINCE,
            BATTERY,
            BATTERY_VOLTAGE,
            TEMPERATURE,
            RSSI,
            SNR,
            HEALTH,
            RECALIBRATION,
            RECALIBRATE);

    private Fields() {}
}
