package org.urbis.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the REST API, PID {@code org.urbis.rest} ({@code etc/org.urbis.rest.cfg}). */
@ObjectClassDefinition(
        id = RestConfig.PID,
        name = "Urbis REST API",
        description = "Logins, sessions, live events and limits of the REST API at /api/v1.")
public @interface RestConfig {

    String PID = "org.urbis.rest";

    @AttributeDefinition(
            name = "JAAS realm",
            description = "The realm that checks users and passwords and gives their roles.")
    String jaas_realm() default "karaf";

    @AttributeDefinition(name = "Session idle timeout (min)", description = "A browser session unused this long ends.")
    int session_idleMinutes() default 30;

    @AttributeDefinition(
            name = "Session maximum age (h)",
            description = "A browser session ends this long after its login.")
    int session_maxHours() default 12;

    @AttributeDefinition(
            name = "Secure cookie",
            description =
                    "Mark the session cookie Secure (sent over HTTPS only); on in a profile that serves HTTPS only.")
    boolean session_secureCookie() default false;

    @AttributeDefinition(
            name = "Failed logins in a row",
            description = "Failed logins of one user from one address before further attempts are refused (HTTP 429).")
    int login_burst() default 5;

    @AttributeDefinition(
            name = "Login refill (s)",
            description = "How long it takes for one more attempt to be allowed.")
    int login_refillSeconds() default 60;

    @AttributeDefinition(
            name = "Event ring size",
            description = "Live events remembered for clients that resume (Last-Event-ID).")
    int events_ringSize() default 10_000;

    @AttributeDefinition(
            name = "Event ring age (s)",
            description = "How long live events are remembered for resuming clients.")
    int events_ringSeconds() default 300;

    @AttributeDefinition(
            name = "Client queue",
            description = "Live events queued for one client; a client further behind is dropped.")
    int events_clientQueue() default 2_000;

    @AttributeDefinition(
            name = "Keep-alive (s)",
            description = "Interval of the keep-alive comment on live event streams.")
    int events_keepAliveSeconds() default 15;

    @AttributeDefinition(
            name = "Health history",
            description = "Health changes remembered per device for its detail view.")
    int health_historySize() default 20;

    @AttributeDefinition(
            name = "Recent commands",
            description = "Commands whose per-device states are kept for GET /api/v1/commands.")
    int commands_recent() default 200;

    @AttributeDefinition(
            name = "Command wait (ms)",
            description =
                    "How long POST /api/v1/commands waits for the command's result before answering 202 with its state.")
    long commands_waitMillis() default 3_000;

    @AttributeDefinition(
            name = "Largest upload (bytes)",
            description = "Largest inventory file accepted by PUT /api/v1/inventory/files/{name}.")
    long upload_maxBytes() default 5L * 1024 * 1024;

    @AttributeDefinition(
            name = "Largest driver bundle (bytes)",
            description = "Largest driver bundle accepted by POST /api/v1/drivers.")
    long drivers_maxBytes() default 50L * 1024 * 1024;
}
