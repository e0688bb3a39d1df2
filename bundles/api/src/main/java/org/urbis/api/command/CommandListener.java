package org.urbis.api.command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Learns every state change of every command, for live views. Registered as a whiteboard service;
 * the control bundle hands the changes over from a bounded queue on a thread of its own, so the
 * pipeline never waits for a listener, and drops (and counts) changes when a listener falls too
 * far behind. A listener must return quickly.
 *
 * @since 1.2
 */
@ConsumerType
@FunctionalInterface
public interface CommandListener {

    void commandChanged(CommandEvent event);
}
