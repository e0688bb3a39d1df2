package org.urbis.api.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The command pipeline, offered by the control bundle. Every command source (shell, REST, the
 * operations centre, schedules) submits here; nothing else writes to devices.
 */
@ProviderType
public interface CommandService {

    /**
     * Submits a command. The stage completes with its final result; it never completes
     * exceptionally for a refused command, which is a REJECTED result with its reason.
     *
     * <p>The issuer's roles are those the service's configuration gives the issuer's name (as
     * for the operations centre's identity or the scheduler); an issuer it gives none is refused.
     */
    CompletionStage<CommandResult> submit(Command command);

    /**
     * Submits a command on behalf of an issuer whose roles the caller has authenticated (a shell
     * or REST session, from its login). Otherwise as {@link #submit(Command)}.
     *
     * <p>The default refuses every command, so that a service that does not check roles never
     * acts on roles it ignored.
     *
     * @param issuerRoles the roles of {@link Command#issuer()}, such as {@code operator}
     * @since 1.1
     */
    default CompletionStage<CommandResult> submit(Command command, Set<String> issuerRoles) {
        return CompletableFuture.completedFuture(new CommandResult(
                command.id(),
                command.target(),
                CommandState.REJECTED,
                "NOT_AUTHORISED: this command service does not take the caller's roles",
                Instant.now(),
                null));
    }

    /**
     * How long a command stays valid when its source gives no expiry of its own: past it, a command not yet sent is
     * never sent.
     *
     * <p>The default is a minute, for a service that has no setting of its own.
     *
     * @return the expiry the service is configured with, positive
     * @since 1.4
     */
    default Duration defaultExpiry() {
        return Duration.ofMinutes(1);
    }
}
