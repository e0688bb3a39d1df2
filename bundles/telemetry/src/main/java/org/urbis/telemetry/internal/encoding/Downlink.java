package org.urbis.telemetry.internal.encoding;

import java.util.List;

/** What an encoding made of a message from the operations centre. */
public sealed interface Downlink {

    /**
     * Commands to run.
     *
     * @param requests one per point to set
     */
    record Commands(List<CommandRequest> requests) implements Downlink {
        public Commands {
            requests = List.copyOf(requests);
        }
    }

    /** The operations centre asks for every birth again. */
    record Rebirth() implements Downlink {}

    /**
     * The primary host application's STATE (Sparkplug B 3.0 {@code spBv1.0/STATE/<host id>}).
     *
     * @param host      the host application id
     * @param online    whether it is online
     * @param timestamp its STATE timestamp (ms), or -1 for a 2.x payload without one
     */
    record HostState(String host, boolean online, long timestamp) implements Downlink {}

    /**
     * The message could not be understood.
     *
     * @param problem what was wrong, for the log and the error reply
     * @param replyTo what the encoding needs to address its error reply (a device, an RPC id); empty
     *                when the sender cannot be answered
     */
    record Malformed(String problem, CommandRequest replyTo) implements Downlink {}

    /**
     * A command for a device this runtime does not have: the runtime that owns it answers, so this
     * one stays silent rather than contradict it.
     *
     * @param why for the debug log
     */
    record NotOurs(String why) implements Downlink {}

    /**
     * A message this runtime has nothing to do with (another node's, our own echo).
     *
     * @param why for the debug log
     */
    record Ignored(String why) implements Downlink {}
}
