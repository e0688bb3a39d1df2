package org.urbis.simulator.streetlight.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-Karaf simulated fleet, PID {@code org.urbis.simulator.streetlight}. */
@ObjectClassDefinition(
        id = SimulatorConfig.PID,
        name = "Urbis street-lighting simulator",
        description = "A fleet of simulated luminaire nodes for demos; runs only when this configuration exists.")
public @interface SimulatorConfig {

    String PID = "org.urbis.simulator.streetlight";

    @AttributeDefinition(name = "Broker URL")
    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Broker user", description = "Empty for none.")
    String broker_username() default "";

    @AttributeDefinition(name = "Broker password", type = AttributeType.PASSWORD)
    String broker_password() default "";

    @AttributeDefinition(name = "Nodes", description = "How many luminaires to simulate.")
    int count() default 10;

    @AttributeDefinition(
            name = "Id prefix",
            description = "Node ids are the prefix and a number from 1 (SL-PT-001...).")
    String idPrefix() default "SL-PT-";

    @AttributeDefinition(name = "Topic root", description = "Nodes use <root>/<id>/status, ack and cmd.")
    String topicRoot() default "urbis/luminaires";

    @AttributeDefinition(name = "Status interval (s)", description = "How often each node reports unasked.")
    long statusIntervalSeconds() default 60;

    @AttributeDefinition(name = "Latitude", description = "Where the fleet stands, for astronomical program steps.")
    double latitude() default 10.93;

    @AttributeDefinition(name = "Longitude")
    double longitude() default 108.10;
}
