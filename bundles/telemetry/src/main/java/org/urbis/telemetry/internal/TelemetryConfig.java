package org.urbis.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Settings of the telemetry uplink, PID {@code org.urbis.telemetry} ({@code etc/org.urbis.telemetry.cfg}). */
@ObjectClassDefinition(
        id = TelemetryConfig.PID,
        name = "Urbis telemetry",
        description = "How this runtime reports to the operations centre over MQTT and takes its commands.")
public @interface TelemetryConfig {

    String PID = "org.urbis.telemetry";

    @AttributeDefinition(
            name = "Broker URL",
            description =
                    "tcp://host:port, or ssl://host:port for TLS "
                            + "(the broker's certificate and host name are verified). Several, separated by commas, are the nodes of "
                            + "a clustered broker or alternative brokers to fail over to, tried in order; all tcp:// or all ssl://.")
    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(
            name = "Node id",
            description = "This runtime's id towards the operations centre, unique in its group.")
    String node_id() default "urbis-node";

    @AttributeDefinition(name = "Group id", description = "Sparkplug group: the site or district.")
    String group_id() default "urbis";

    @AttributeDefinition(
            name = "Encoding",
            options = {
                @Option(label = "Sparkplug B", value = "sparkplug"),
                @Option(label = "ThingsBoard gateway API", value = "thingsboard")
            })
    String encoding() default "sparkplug";

    @AttributeDefinition(
            name = "Client id",
            description = "MQTT client id; empty means the node id. Unique per "
                    + "runtime: a second client with the same id takes the session over (then the platform alarm "
                    + "telemetry/SESSION_TAKEN_OVER is raised and this runtime backs off).")
    String client_id() default "";

    @AttributeDefinition(
            name = "Primary host id",
            description = "Sparkplug B 3.0 primary host application id: when "
                    + "set, births and data wait for its spBv1.0/STATE/<id> online message, and stop (buffered) while it is "
                    + "offline. Empty: no primary host, publish whenever connected. Sparkplug only.")
    String primaryHost_id() default "";

    @AttributeDefinition(name = "User name", description = "Empty for none.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "Empty for none.")
    String password() default "";

    @AttributeDefinition(
            name = "Trust store",
            description = "With ssl://, a trust store file holding the broker's "
                    + "CA certificate; empty for the JVM's default trust.")
    String tls_trustStore() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD)
    String tls_trustStorePassword() default "";

    @AttributeDefinition(name = "Keep-alive (s)")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "First reconnect delay (ms)")
    long reconnect_minMillis() default 500;

    @AttributeDefinition(name = "Longest reconnect delay (ms)")
    long reconnect_maxMillis() default 30_000;

    @AttributeDefinition(name = "Store folder", description = "Empty means ${karaf.data}/urbis/telemetry.")
    String store_directory() default "";

    @AttributeDefinition(name = "Store size (bytes)", description = "Disk the buffer may use at most.")
    long store_maxBytes() default 256L << 20;

    @AttributeDefinition(name = "Segment size (bytes)")
    long store_segmentBytes() default 16L << 20;

    @AttributeDefinition(
            name = "Overflow policy",
            description = "When the buffer is full: BLOCK makes the event "
                    + "stream wait (up to store.blockMillis, then drops the newest), DROP_OLDEST deletes the oldest "
                    + "undelivered segment, DROP_NEWEST refuses new records. Every loss is counted and logged.",
            options = {
                @Option(label = "Block", value = "BLOCK"),
                @Option(label = "Drop oldest", value = "DROP_OLDEST"),
                @Option(label = "Drop newest", value = "DROP_NEWEST")
            })
    String store_overflow() default "BLOCK";

    @AttributeDefinition(name = "Block for (ms)")
    long store_blockMillis() default 5_000;

    @AttributeDefinition(
            name = "Sync interval (ms)",
            description =
                    "Group commit: how often the buffer is forced "
                            + "to disk. Accepted records survive a crash of the process at once; this bounds loss on power failure.")
    long store_syncMillis() default 200;

    @AttributeDefinition(name = "Records per publish round")
    int publish_maxBatch() default 10_000;

    @AttributeDefinition(name = "Messages in flight")
    int publish_maxInflight() default 200;

    @AttributeDefinition(name = "PUBACK timeout (ms)")
    long publish_timeoutMillis() default 10_000;

    @AttributeDefinition(
            name = "Integrity report interval (s)",
            description = "Every point's value and every "
                    + "device's health are sent again this often, whatever the deadband; 0 turns it off.")
    long integrity_intervalSeconds() default 900;

    @AttributeDefinition(
            name = "Command expiry (s)",
            description = "A command from the operations centre not sent " + "within this time is never sent.")
    long command_expirySeconds() default 60;

    @AttributeDefinition(
            name = "Command issuer",
            description = "The identity commands from the operations centre carry.")
    String command_issuer() default "ioc";
}
