package org.urbis.api.grid;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.command.CommandResult;

/** The site's feeders, their forecasts and their controllers, offered by the grid bundle as an OSGi service. */
@ProviderType
public interface Feeders {

    /** Every feeder in use, by id. */
    List<FeederStatus> feeders();

    /** A feeder's last forecast; empty for an unknown feeder or before its first forecast. */
    Optional<FeederOutlook> outlook(String feeder);

    /** A feeder's controllers' recent actions and waiting proposals, newest first. */
    List<ControlAction> actions(String feeder, int limit);

    /**
     * Sends a waiting proposal's commands through the command pipeline as the approving operator.
     *
     * @throws IllegalArgumentException when no such proposal waits (approved, replaced or expired)
     */
    CompletionStage<List<CommandResult>> approve(String proposal, String user, Set<String> roles);
}
