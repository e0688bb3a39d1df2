package org.urbis.grid.internal.shell;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.command.CommandResult;
import org.urbis.api.grid.Feeders;
import org.urbis.shell.session.ConsoleCaller;

/** Approves a controller's proposal (advise mode): its commands are sent as the logged-in operator. */
@Command(
        scope = "urbis",
        name = "grid-approve",
        description = "Approve a grid controller's proposed commands; they are sent as you")
@Service
public class GridApproveCommand implements Action {

    @Argument(
            index = 0,
            name = "proposal",
            description = "The proposal's id, as urbis:grid-controllers lists it",
            required = true)
    String proposal;

    @Reference
    Feeders service;

    @Override
    public Object execute() throws Exception {
        ConsoleCaller caller = ConsoleCaller.current();
        List<CommandResult> results;
        try {
            results = service.approve(proposal, caller.user(), caller.roles())
                    .toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            return null;
        }
        for (CommandResult r : results) {
            System.out.println(r.commandId() + " " + r.deviceId() + " " + r.state()
                    + (r.reason().isEmpty() ? "" : " " + r.reason()));
        }
        return null;
    }
}
