package org.urbis.driver.streetlight.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the street-lighting driver, PID {@code org.urbis.driver.streetlight} ({@code etc/org.urbis.driver.streetlight.cfg}). */
@ObjectClassDefinition(
        id = StreetlightConfig.PID,
        name = "Urbis street-lighting driver",
        description =
                "Luminaire nodes speaking JSON over MQTT through the city's broker; one connection serves every node.")
public @interface StreetlightConfig {

    String PID = "org.urbis.driver.streetlight";

    @AttributeDefinition(name = "Broker URL", description = "tcp://host:1883 or ssl://host:8883.")
    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Broker user", description = "Empty for an anonymous connection.")
    String broker_username() default "";

    @AttributeDefinition(name = "Broker password", type = AttributeType.PASSWORD)
    String broker_password() default "";

    @AttributeDefinition(name = "Client id", description = "MQTT client id; empty for urbis-streetlight-<random>.")
    String broker_clientId() default "";

    @AttributeDefinition(
            name = "Command QoS",
            description = "MQTT quality of service of the commands the driver publishes (0, 1 or 2).")
    int broker_qos() default 1;

    @AttributeDefinition(
            name = "Subscription QoS",
            description = "MQTT quality of service of the driver's subscriptions to the nodes' statuses and"
                    + " acknowledgements (0, 1 or 2). The driver's session is clean, so 1 adds no delivery"
                    + " across a lost connection; it costs an acknowledgement per message and the broker's"
                    + " in-flight window.")
    int broker_subscriptionQos() default 0;

    @AttributeDefinition(
            name = "Reconnect delay (s)",
            description = "Pause between attempts while the broker cannot be reached.")
    int broker_retrySeconds() default 5;

    @AttributeDefinition(
            name = "Silent after (s)",
            description = "A node that sends nothing for this long is OFFLINE / SILENT with a NODE_SILENT alarm.")
    long silentAfterSeconds() default 180;

    @AttributeDefinition(
            name = "Lamp failure below (W)",
            description = "A closed relay at a dim level above 0 drawing less than this means a failed lamp.")
    double lampFailure_minPowerW() default 1.0;

    @AttributeDefinition(
            name = "Day-burner margin (min)",
            description = "A lamp lit later than sunrise plus this, and earlier than sunset minus this, burns by day.")
    long dayBurner_marginMinutes() default 30;

    @AttributeDefinition(
            name = "Largest payload (bytes)",
            description = "Longer messages from nodes are rejected unread.")
    int payload_maxBytes() default 4096;

    @AttributeDefinition(
            name = "Commands in flight",
            description = "Commands awaiting their node's acknowledgement at once, over all nodes; more wait their "
                    + "turn in the driver. Each brings back an acknowledgement and a status, so 480 leave at most "
                    + "960 messages waiting for the driver at its broker: within a stock mosquitto's 1,000 queued "
                    + "per client. Raise it only with the broker's max_queued_messages.")
    int commands_inFlight() default DriverSettings.COMMANDS_IN_FLIGHT;
}
