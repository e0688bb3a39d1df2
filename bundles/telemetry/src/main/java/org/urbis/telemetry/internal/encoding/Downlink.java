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
    record Rebirth() implements Downlink {
    }

    /**
     * The message could not be understood.
     *
     * @param problem what was wrong, for the log and the error reply
     * @param replyTo what the encoding needs to address its error reply (a device, an RPC id); empty
     *                when the sender cannot be answered
     */
    record Malformed(String problem, CommandRequest replyTo) implements Downlink {
    }

    /**
     * A message this runtime has nothing to do with (another node's, our own echo).
     *
     * @param why for the debug log
     */
    record Ignored(String why) implements Downlink {
    }
}
