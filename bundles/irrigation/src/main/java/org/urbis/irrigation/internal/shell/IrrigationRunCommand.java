package org.urbis.irrigation.internal.shell;

import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.command.CommandResult;
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.shell.session.ConsoleCaller;

/**
 * A manual run of one zone as the logged-in operator: by default scaled by its program's water budget and not
 * started when its program would skip it now (rain, moisture, rain delay); {@code --bypass} runs the minutes given.
 */
@Command(
        scope = "urbis",
        name = "irrigation-run",
        description = "Run one irrigation zone now, honouring or bypassing the weather adjustment")
@Service
public class IrrigationRunCommand implements Action {

    @Argument(index = 0, name = "controller", description = "The irrigation controller's device id", required = true)
    String controller;

    @Argument(index = 1, name = "zone", description = "The zone's number", required = true)
    String zone;

    @Argument(index = 2, name = "minutes", description = "How long, minutes", required = true)
    String minutes;

    @Option(name = "--bypass", description = "Run exactly the minutes given, ignoring the water budget and the skips")
    boolean bypass;

    @Option(name = "--reason", description = "Why, for the audit log")
    String reason = "";

    @Reference
    IrrigationPrograms service;

    @Override
    public Object execute() throws Exception {
        ConsoleCaller caller = ConsoleCaller.current();
        CommandResult r;
        try {
            r = service.manualRun(
                            controller,
                            zoneNumber(),
                            number("minutes", minutes).doubleValue(),
                            bypass,
                            caller.user(),
                            caller.roles(),
                            reason)
                    .toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            return null;
        }
        System.out.println(r.commandId() + " " + r.state()
                + (r.reason() == null || r.reason().isEmpty() ? "" : " " + r.reason()));
        return null;
    }

    private int zoneNumber() {
        try {
            return Integer.parseInt(zone);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("zone must be a whole number, was '" + zone + "'");
        }
    }

    private static Double number(String name, String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + text + "'");
        }
    }
}
