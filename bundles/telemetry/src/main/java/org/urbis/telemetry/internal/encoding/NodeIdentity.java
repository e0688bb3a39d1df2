package org.urbis.telemetry.internal.encoding;

import java.util.regex.Pattern;

/**
 * Who this runtime is towards the operations centre.
 *
 * @param groupId the Sparkplug group (a site or district)
 * @param nodeId  this runtime's node id, unique in its group
 */
public record NodeIdentity(String groupId, String nodeId) {

    private static final Pattern TOPIC_SAFE = Pattern.compile("[^/+#\\s]{1,128}");

    public NodeIdentity {
        checkTopicSafe("group.id", groupId);
        checkTopicSafe("node.id", nodeId);
    }

    /** Refuses what cannot be one level of an MQTT topic, naming the setting. */
    public static void checkTopicSafe(String setting, String value) {
        if (value == null || !TOPIC_SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    setting + " '" + value + "' must be 1-128 characters without '/', '+', '#' or spaces");
        }
    }
}
