package org.urbis.api.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What the polling engine has done since the core started.
 *
 * @param polls        reads started
 * @param successes    reads that succeeded
 * @param failures     reads that failed (an error, a timeout)
 * @param overruns     poll slots skipped because the device was still busy with the last one
 * @param meanLateness how late reads started on average, against their schedule
 * @param maxLateness  the latest a read started
 * @since 1.2
 */
public record PollCounters(
        long polls, long successes, long failures, long overruns, Duration meanLateness, Duration maxLateness) {

    public PollCounters {
        Objects.requireNonNull(meanLateness, "meanLateness");
        Objects.requireNonNull(maxLateness, "maxLateness");
    }
}
