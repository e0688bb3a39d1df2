package org.urbis.notify.internal.delivery;

import java.util.Map;

/**
 * One notification to one channel. The id stays the same across retries, so a receiver can tell a
 * repeat from a new message.
 *
 * @param id       unique id of the message
 * @param alarmKey the alarm's key, {@code <source>/<type>}
 * @param severity the alarm's severity
 * @param event    RAISED, CLEARED, ESCALATED or GROUPED
 * @param rule     the rule that routed it
 * @param subject  one line for people
 * @param text     the body for people
 * @param json     the body for machines (the webhook's), as ordered fields
 */
public record Message(
        String id,
        String alarmKey,
        String severity,
        String event,
        String rule,
        String subject,
        String text,
        Map<String, Object> json) {}
