package org.urbis.control.internal.schedule;

import java.util.List;

/** A named daily control program: its steps in the order written. */
public record Program(String name, List<Step> steps) {

    public static final int MAX_STEPS = 48;

    public Program {
        steps = List.copyOf(steps);
    }
}
