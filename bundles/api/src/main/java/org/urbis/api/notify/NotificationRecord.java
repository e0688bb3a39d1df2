package org.urbis.api.notify;

import java.time.Instant;

/**
 * One notification attempt, or one alarm change that was deliberately not notified.
 *
 * @param time     when
 * @param alarm    the alarm's key, {@code <device or component>/<type>}
 * @param severity the alarm's severity
 * @param event    RAISED, CLEARED, ESCALATED or GROUPED (a flapping alarm's one message)
 * @param rule     the rule that routed it, or empty
 * @param channel  the channel, or empty
 * @param outcome  SENT, FAILED (will be tried again), or SKIPPED (maintenance, quiet hours deferral, no rule)
 * @param attempt  the delivery attempt, from 1; 0 when nothing was sent
 * @param detail   a sentence: the receiver's answer, the error, or why it was skipped
 */
public record NotificationRecord(
        Instant time,
        String alarm,
        String severity,
        String event,
        String rule,
        String channel,
        String outcome,
        int attempt,
        String detail) {}
