package org.urbis.dnp3;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The master's side of one outstation: it connects (or waits for the outstation to dial in), runs the startup
 * sequence, polls, takes unsolicited responses and sends commands, one request at a time.
 */
@ProviderType
public interface Association extends AutoCloseable {

    AssociationConfig config();

    AssociationStats stats();

    /**
     * Sends a CROB (g12v1).
     *
     * @return the status the outstation returned for the object; fails with {@link CommandFailedException} when
     *     there is none
     */
    CompletableFuture<CommandStatus> operate(int index, Crob crob, CommandMode mode);

    /** Sends an analog output (g41, the variation of its encoding); like {@link #operate(int, Crob, CommandMode)}. */
    CompletableFuture<CommandStatus> operate(int index, AnalogOutput output, CommandMode mode);

    /** Runs an integrity poll (class 1, 2, 3 then 0) now. */
    CompletableFuture<Void> integrityPoll();

    /** Synchronises the outstation's clock now, by the configured procedure (LAN when configured NONE). */
    CompletableFuture<Void> timeSync();

    /** Disconnects and stops; pending commands fail. */
    @Override
    void close();
}
