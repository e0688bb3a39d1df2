package org.urbis.simulator.irrigation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-Karaf park irrigation simulator, PID {@code org.urbis.simulator.irrigation}. */
@ObjectClassDefinition(
        id = SimulatorConfig.PID,
        name = "Urbis irrigation simulator",
        description = "A simulated park: an OpenSprinkler controller, a Modbus irrigation PLC and a weather station."
                + " Runs only when this configuration exists.")
public @interface SimulatorConfig {

    String PID = "org.urbis.simulator.irrigation";

    @AttributeDefinition(name = "Bind address", description = "Address the simulated devices listen on.")
    String bind() default "127.0.0.1";

    @AttributeDefinition(
            name = "OpenSprinkler port",
            description = "HTTP port of the OpenSprinkler controller; 0: none.")
    int openSprinklerPort() default 8089;

    @AttributeDefinition(
            name = "OpenSprinkler stations",
            description = "Stations of its board (2-16); the last is the master valve.")
    int openSprinklerStations() default 8;

    @AttributeDefinition(
            name = "OpenSprinkler password",
            description = "The controller's password (clients send its MD5).",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String openSprinklerPassword() default "opendoor";

    @AttributeDefinition(
            name = "OpenSprinkler time zone",
            description = "Its tz option: 48 + quarter hours east of UTC (76: UTC+7).")
    int openSprinklerTz() default 76;

    @AttributeDefinition(name = "PLC port", description = "Modbus TCP port of the irrigation PLC (unit 1); 0: none.")
    int plcPort() default 5022;

    @AttributeDefinition(name = "PLC zones", description = "Valves of the PLC (1-16).")
    int plcZones() default 4;

    @AttributeDefinition(
            name = "Weather station port",
            description = "Modbus TCP port of the weather station (unit 1); 0: none.")
    int weatherPort() default 5023;

    @AttributeDefinition(
            name = "Weather broker",
            description = "MQTT broker the station also publishes its JSON to; empty: none.")
    String weatherBroker() default "";

    @AttributeDefinition(name = "Weather topic", description = "Topic of the station's JSON readings.")
    String weatherTopic() default "urbis/weather/WS-PT-001";

    @AttributeDefinition(name = "Weather interval (s)", description = "How often the station publishes over MQTT.")
    int weatherIntervalSeconds() default 60;
}
