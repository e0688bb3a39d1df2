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
        if (groupId == null || !TOPIC_SAFE.matcher(groupId).matches()) {
            throw new IllegalArgumentException("group.id '" + groupId + "' must be 1-128 characters without '/', '+', '#' or spaces");
        }
        if (nodeId == null || !TOPIC_SAFE.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node.id '" + nodeId + "' must be 1-128 characters without '/', '+', '#' or spaces");
        }
    }
}
