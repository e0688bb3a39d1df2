package org.urbis.api.schedule;

import java.util.List;

/** A schedule refused, with every problem found, each naming where it is. */
public class ScheduleRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ScheduleRefusedException(String schedule, List<String> problems) {
        super("schedule '" + schedule + "' refused: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
