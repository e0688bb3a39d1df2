package org.urbis.benchmarks.streetlight;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * One raw Paho round or one group command, in a flight recording of the benchmark
 * ({@code BENCH_JAVA_OPTS=-XX:StartFlightRecording=...}): what the JIT compiled, the collector collected and
 * each thread ran can then be read for that round alone. Costs nothing when no recording runs.
 */
@Name("urbis.benchmark.Round")
@Label("Benchmark round")
@Category("Urbis")
@Description("A raw Paho round or a group command of the street-lighting benchmark")
final class RoundEvent extends Event {

    @Label("Round")
    final String round;

    RoundEvent(String round) {
        this.round = round;
    }
}
