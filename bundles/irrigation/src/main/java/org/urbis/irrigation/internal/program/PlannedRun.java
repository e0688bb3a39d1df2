package org.urbis.irrigation.internal.program;

import java.time.Instant;

/**
 * A zone run the planner set: {@code zone<N>.run} = {@code seconds} at {@code start}.
 *
 * @param program the program it belongs to
 * @param zone    the zone
 * @param start   when it starts
 * @param seconds how long it runs
 * @param cycle   which cycle of the zone's water this is, from 1
 * @param cycles  how many cycles the zone's water is split into
 * @param why     why it runs this long and starts then
 */
public record PlannedRun(String program, Program.Zone zone, Instant start, long seconds, int cycle, int cycles, String why) {

    public Instant end() {
        return start.plusSeconds(seconds);
    }
}
