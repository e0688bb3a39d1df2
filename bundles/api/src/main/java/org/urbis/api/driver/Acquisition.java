package org.urbis.api.driver;

/** How values get from a device to the platform. */
public enum Acquisition {
    /** The platform schedules reads (Modbus, DNP3): it calls {@link DriverSession#read} at the device's poll interval. */
    POLLED,
    /** The device reports on its own (MQTT, LoRaWAN): the driver calls {@link DeviceCallback#values} as data arrives. */
    PUSHED
}
