package org.urbis.api.irrigation;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.command.CommandResult;

/** The site's irrigation programs, offered as an OSGi service by the platform's irrigation. */
@ProviderType
public interface IrrigationPrograms {

    /** The site's local day now: the first day a preview may show. */
    LocalDate today();

    /** Every program in force, in id order. */
    List<ProgramSummary> programs();

    /**
     * Each day's planned zone runs of a program and why each is as long as it is; the days after today are
     * projected from today's balance.
     *
     * @param from first local day, today or later
     * @param to   last local day, at most 31 days after today
     * @throws NoSuchElementException   naming the program asked for and those there are
     * @throws IllegalArgumentException naming what is wrong with the days
     */
    ProgramPreview preview(String programId, LocalDate from, LocalDate to);

    /**
     * Runs one zone now through the command pipeline as an operator; the water it applies counts in the zone's
     * balance.
     *
     * @param controller the irrigation controller's device id
     * @param zone       the zone's number on it
     * @param minutes    how long to run
     * @param bypass     true to run exactly the minutes given; false to scale them by the zone's program's water
     *                   budget and not to start a run its program would skip now (rain, soil moisture, rain delay)
     * @param user       who runs it, for the audit log
     * @param roles      the user's roles, as the caller authenticated them
     * @param reason     why, for the audit log, or empty
     * @return the run command's result
     * @throws IllegalArgumentException naming what is wrong with the controller, zone or minutes
     * @since 1.2
     */
    CompletionStage<CommandResult> manualRun(
            String controller, int zone, double minutes, boolean bypass, String user, Set<String> roles, String reason);
}
