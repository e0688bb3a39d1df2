package org.urbis.driver.weather.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the weather-station driver, PID {@code org.urbis.driver.weather} ({@code etc/org.urbis.driver.weather.cfg}). */
@ObjectClassDefinition(
        id = WeatherDriverConfig.PID,
        name = "Urbis weather-station driver",
        description = "The broker of stations in their MQTT JSON form, and Modbus TCP settings for the others.")
public @interface WeatherDriverConfig {

    String PID = "org.urbis.driver.weather";

    @AttributeDefinition(
            name = "Broker URL",
            description = "MQTT broker the mqtt:<topic> stations publish to, e.g. tcp://host:1883 or ssl://host:8883.")
    String mqtt_brokerUrl() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Broker user", description = "User name at the broker; empty for none.")
    String mqtt_username() default "";

    @AttributeDefinition(name = "Broker password", type = AttributeType.PASSWORD)
    String mqtt_password() default "";

    @AttributeDefinition(name = "Modbus reply timeout (ms)", description = "Longest wait for one Modbus reply.")
    long modbus_timeoutMillis() default 2_000;

    @AttributeDefinition(name = "Modbus retries", description = "Further attempts after a failed request.")
    int modbus_retries() default 2;
}
