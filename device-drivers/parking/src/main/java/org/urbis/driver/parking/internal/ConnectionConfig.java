package org.urbis.driver.parking.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One network server's MQTT integration, factory PID {@code org.urbis.driver.parking.connection}
 * ({@code etc/org.urbis.driver.parking.connection-<name>.cfg}). Devices name it in their
 * {@code connection} option.
 */
@ObjectClassDefinition(
        id = ConnectionConfig.PID,
        name = "Urbis parking: network-server connection",
        description = "The MQTT integration of a LoRaWAN network server (ChirpStack v4 or The Things Stack v3).")
public @interface ConnectionConfig {

    String PID = "org.urbis.driver.parking.connection";

    @AttributeDefinition(name = "Name", description = "What devices name in their 'connection' option.")
    String name();

    @AttributeDefinition(
            name = "Server",
            options = {
                @Option(label = "ChirpStack v4", value = "chirpstack"),
                @Option(label = "The Things Stack v3", value = "tts")
            })
    String server() default "chirpstack";

    @AttributeDefinition(
            name = "Broker URL",
            description = "The server's MQTT broker: tcp://host:1883 or ssl://host:8883.")
    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(
            name = "Broker user",
            description = "Empty for an anonymous connection (The Things Stack: app@tenant).")
    String broker_username() default "";

    @AttributeDefinition(
            name = "Broker password",
            type = AttributeType.PASSWORD,
            description = "The Things Stack: an API key of the application.")
    String broker_password() default "";

    @AttributeDefinition(name = "Client id", description = "MQTT client id; empty for urbis-parking-<name>-<random>.")
    String broker_clientId() default "";

    @AttributeDefinition(name = "Reconnect delay (s)")
    int broker_retrySeconds() default 5;
}
