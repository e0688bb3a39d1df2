package org.urbis.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.command.CommandResult;
import org.urbis.api.grid.ControlAction;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.FeederStatus;
import org.urbis.api.grid.Feeders;

/** The grid's feeders as a test sets them; an approval of a proposal it holds is recorded and answered with its results. */
public class FakeFeeders implements Feeders {

    public final List<FeederStatus> feeders = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, FeederOutlook> outlooks = new ConcurrentHashMap<>();
    public final Map<String, List<CommandResult>> proposals = new ConcurrentHashMap<>();
    /** {@code <proposal> <user> <roles>} per approval. */
    public final List<String> approvals = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<FeederStatus> feeders() {
        return List.copyOf(feeders);
    }

    @Override
    public Optional<FeederOutlook> outlook(String feeder) {
        return Optional.ofNullable(outlooks.get(feeder));
    }

    @Override
    public List<ControlAction> actions(String feeder, int limit) {
        return List.of();
    }

    @Override
    public CompletionStage<List<CommandResult>> approve(String proposal, String user, Set<String> roles) {
        List<CommandResult> results = proposals.remove(proposal);
        if (results == null) {
            throw new IllegalArgumentException("no proposal " + proposal + " waiting");
        }
        approvals.add(proposal + " " + user + " " + roles);
        return CompletableFuture.completedFuture(results);
    }
}
