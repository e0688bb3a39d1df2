package org.urbis.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the embedded demo broker, PID {@code org.urbis.broker} ({@code etc/org.urbis.broker.cfg}). */
@ObjectClassDefinition(
        id = BrokerConfig.PID,
        name = "Urbis embedded MQTT broker",
        description = "A small MQTT 3.1.1 broker inside the runtime for the demo. Production uses a real broker.")
public @interface BrokerConfig {

    String PID = "org.urbis.broker";

    @AttributeDefinition(
            name = "Host",
            description = "Address to listen on. Keep 127.0.0.1: the demo broker has " + "no authentication.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port")
    int port() default 1883;

    @AttributeDefinition(
            name = "Data folder",
            description = "Where persistent sessions are kept. Empty means " + "${karaf.data}/urbis/broker.")
    String data_directory() default "";

    @AttributeDefinition(
            name = "Persistent sessions",
            description = "Keep sessions and queued messages on disk across restarts.")
    boolean persistence() default true;
}
