package org.urbis.irrigation.internal.program;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A zone run the planner set: {@code zone<N>.run} = {@code seconds} at {@code start}.
 *
 * @param program the program it belongs to
 * @param zone    the zone
 * @param start   when it starts
 * @param seconds how long it runs
 * @param cycle   which cycle of the zone's water this is, from 1
 * @param cycles  how many cycles the zone's water is split into
 * @param reason  why it runs this long and starts then, written out when read
 */
public record PlannedRun(
        String program,
        Program.Zone zone,
        Instant start,
        long seconds,
        int cycle,
        int cycles,
        Supplier<String> reason) {

    public PlannedRun(
            String program, Program.Zone zone, Instant start, long seconds, int cycle, int cycles, String why) {
        this(program, zone, start, seconds, cycle, cycles, () -> why);
    }

    public String why() {
        return reason.get();
    }

    public Instant end() {
        return start.plusSeconds(seconds);
    }
}
