package org.urbis.api.irrigation;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.osgi.annotation.versioning.ProviderType;

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
}
