package org.urbis.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the notifications, PID {@code org.urbis.notify} ({@code etc/org.urbis.notify.cfg}). */
@ObjectClassDefinition(
        id = NotifyConfig.PID,
        name = "Urbis notifications",
        description =
                "Where the channel and rule files are, how deliveries are retried and when an alarm counts as flapping.")
public @interface NotifyConfig {

    String PID = "org.urbis.notify";

    @AttributeDefinition(
            name = "Configuration folder",
            description = "Folder of the *.json files with channels and rules; empty: etc/urbis/notify of the runtime.")
    String directory() default "";

    @AttributeDefinition(
            name = "Record file",
            description = "JSON-lines record of every notification; empty: data/urbis/notify/notifications.log.")
    String record_file() default "";

    @AttributeDefinition(
            name = "Record size (MB)",
            description = "The record file is rolled over at this size; one older file is kept.")
    int record_megabytes() default 16;

    @AttributeDefinition(
            name = "Attempts before the alarm",
            description =
                    "Failed attempts of one message after which notify/SMTP_UNREACHABLE or notify/WEBHOOK_FAILED is raised.")
    int delivery_attempts() default 5;

    @AttributeDefinition(
            name = "First pause (s)",
            description = "Pause after the first failed attempt; it doubles after each one.")
    long delivery_firstBackoffSeconds() default 2;

    @AttributeDefinition(
            name = "Longest pause (s)",
            description = "The pause between attempts grows no longer than this.")
    long delivery_maxBackoffSeconds() default 300;

    @AttributeDefinition(
            name = "Give up after (h)",
            description = "A message not delivered this long after its first attempt is recorded GAVE_UP.")
    long delivery_giveUpHours() default 24;

    @AttributeDefinition(
            name = "Flapping raises",
            description =
                    "An alarm raised more often than this within the window is flapping: its changes are grouped.")
    int flapping_raises() default 3;

    @AttributeDefinition(
            name = "Flapping window (min)",
            description =
                    "The window in which raises are counted, and over which a flapping alarm's changes are grouped.")
    long flapping_windowMinutes() default 10;

    @AttributeDefinition(name = "Sending threads", description = "Messages sent at the same time.")
    int delivery_threads() default 2;
}
