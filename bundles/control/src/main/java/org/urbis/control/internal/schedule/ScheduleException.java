package org.urbis.control.internal.schedule;

import java.util.List;
import org.urbis.api.schedule.ScheduleRefusedException;

/** A schedule refused, with every problem found, each naming where it is. */
public final class ScheduleException extends ScheduleRefusedException {

    private static final long serialVersionUID = 1L;

    public ScheduleException(String schedule, List<String> problems) {
        super(schedule, problems);
    }
}
