package org.urbis.telemetry.internal.encoding;

import java.util.List;
import org.urbis.api.command.CommandResult;
import org.urbis.telemetry.internal.store.LogEntry;

/**
 * How telemetry is put on the wire. An encoding makes a new {@link Session} for each connection;
 * the session is used from the uplink thread only, except {@link Session#decode}, which the MQTT
 * client's thread calls.
 */
public interface Encoding {

    /** The name used in configuration ({@code encoding = sparkplug}). */
    String name();

    /**
     * The primary host application whose STATE gates births and data (Sparkplug B 3.0), or empty
     * when this runtime publishes whenever it is connected.
     */
    default String primaryHost() {
        return "";
    }

    /** Starts the state of one connection (sequence numbers, births, aliases). */
    Session newSession(Catalogue catalogue);

    /** The state of one MQTT connection. */
    interface Session {

        /** The MQTT Will to register when connecting, or {@code null}. */
        Outbound will();

        /** Topics to subscribe to after every connect, at QoS 1. */
        List<String> subscriptions();

        /** What to publish right after connecting (and again on a rebirth request). */
        List<Outbound> births();

        /**
         * Encodes log entries into messages, batching many points per message and keeping the
         * order of each device's entries.
         *
         * @param historicalBefore entries with a lower index are replayed from the buffer, not live
         */
        List<Outbound> encode(List<LogEntry> entries, long historicalBefore);

        /** Decodes a message from the operations centre. Never throws. */
        Downlink decode(String topic, byte[] payload);

        /** The reply that reports a command's result. */
        List<Outbound> reply(CommandRequest request, CommandResult result);

        /** The error reply to a malformed command, or empty when nobody can be answered. */
        List<Outbound> errorReply(Downlink.Malformed malformed);

        /** What to publish before a clean disconnect (a death certificate), or empty. */
        List<Outbound> goodbye();
    }
}
