package org.urbis.control.internal.command;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the control bundle, PID {@code org.urbis.control} ({@code etc/org.urbis.control.cfg}). */
@ObjectClassDefinition(
        id = ControlConfig.PID,
        name = "Urbis control",
        description = "Command pipeline, audit log and site settings of the control bundle.")
public @interface ControlConfig {

    String PID = "org.urbis.control";

    @AttributeDefinition(name = "Command roles", description = "Roles allowed to issue commands; any one suffices.")
    String[] command_roles() default {"operator", "admin"};

    @AttributeDefinition(
            name = "Issuer roles",
            description = "Roles of issuers that submit without a login session, as name=role|role "
                    + "(the operations centre's identity, the scheduler). Other issuers without a session are refused.")
    String[] issuer_roles() default {"ioc=operator", "scheduler=operator"};

    @AttributeDefinition(
            name = "De-duplication window (s)",
            description = "A command id is remembered at least this long, and always until its command expires.")
    long dedup_windowSeconds() default 86_400;

    @AttributeDefinition(
            name = "Most ids remembered",
            description =
                    "When this many live ids are remembered, new commands are refused rather than an id forgotten early.")
    int dedup_maxIds() default 100_000;

    @AttributeDefinition(
            name = "Longest expiry (s)",
            description = "Furthest in the future a command's expiry may lie.")
    long command_maxExpirySeconds() default 86_400;

    @AttributeDefinition(name = "Default expiry (s)", description = "Expiry of a console command that gives none.")
    long command_defaultExpirySeconds() default 60;

    @AttributeDefinition(
            name = "Select timeout (s)",
            description = "How long a SELECT reserves a point for the same issuer's OPERATE.")
    long select_timeoutSeconds() default 30;

    @AttributeDefinition(name = "Issuer rate (commands/s)", description = "Sustained commands per second per issuer.")
    double rate_issuerPerSecond() default 5;

    @AttributeDefinition(name = "Issuer burst", description = "Commands an issuer may send at once.")
    int rate_issuerBurst() default 20;

    @AttributeDefinition(
            name = "Issuer rates",
            description = "Issuers held to their own rate, as "
                    + "name=<commands/s>/<burst>. The scheduler's night programs (lighting, irrigation) start hundreds of "
                    + "devices in the same second: 500 irrigation controllers starting together must not queue behind the "
                    + "default rate, while each device stays held to the device rate.")
    String[] rate_issuers() default {"scheduler=200/1000"};

    @AttributeDefinition(name = "Device rate (commands/s)", description = "Sustained commands per second per device.")
    double rate_devicePerSecond() default 1;

    @AttributeDefinition(name = "Device burst", description = "Commands a device may receive at once.")
    int rate_deviceBurst() default 5;

    @AttributeDefinition(name = "I/O timeout (ms)", description = "Longest one write or readback may take.")
    long io_timeoutMillis() default 5_000;

    @AttributeDefinition(
            name = "Confirmation timeout (ms)",
            description = "How long the readback may take to match the command before it FAILED.")
    long confirm_timeoutMillis() default 10_000;

    @AttributeDefinition(
            name = "Readback interval (ms)",
            description = "Pause between readbacks that did not match yet.")
    long confirm_intervalMillis() default 500;

    @AttributeDefinition(
            name = "Group parallelism",
            description = "Devices of a group command in flight at once. "
                    + "Waiting on a device holds no thread (drivers answer asynchronously). The drivers bound their "
                    + "own field network's load over all commands at once (the street-lighting driver's "
                    + "commands.inFlight); fewer here make a large group wait on round trips.")
    int group_parallelism() default 480;

    @AttributeDefinition(
            name = "Audit folder",
            description = "Folder of the audit log; empty means ${karaf.data}/urbis/audit.")
    String audit_directory() default "";

    @AttributeDefinition(
            name = "Audit segment size (MB)",
            description = "When audit.log holds this much it is renamed "
                    + "audit-<first record>.log and a new one begins; the hash chain runs on across segments, and closed "
                    + "segments may be archived.")
    long audit_segmentMegabytes() default 64;

    @AttributeDefinition(
            name = "Schedule folder",
            description = "Folder of the lighting schedules and overrides; empty means ${karaf.data}/urbis/schedules.")
    String schedule_directory() default "";

    @AttributeDefinition(name = "Site time zone", description = "Time zone of schedules and of urbis:sun by default.")
    String site_zone() default "Asia/Ho_Chi_Minh";

    @AttributeDefinition(name = "Site latitude", description = "Degrees north (negative south).")
    double site_latitude() default 10.93;

    @AttributeDefinition(name = "Site longitude", description = "Degrees east (negative west).")
    double site_longitude() default 108.10;
}
