package org.urbis.driver.streetlight.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts what the nodes sent that the driver used, rejected or did not await, and logs the first of each. */
final class NodeTraffic {

    private static final Logger LOG = LoggerFactory.getLogger(StreetlightDriver.class);
    private static final int LOGGED_IN_FULL = 100;

    private final AtomicLong statuses = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong fieldProblems = new AtomicLong();
    private final AtomicLong unmatchedAcks = new AtomicLong();

    void statusReceived() {
        statuses.incrementAndGet();
    }

    void rejected(String deviceId, String topic, String why) {
        long n = rejected.incrementAndGet();
        if (n <= LOGGED_IN_FULL || n % 1_000 == 0) {
            LOG.warn("Rejected a message of node {} on {}: {} ({} rejected so far)", deviceId, topic, why, n);
        }
    }

    void fieldProblems(String deviceId, String topic, List<String> problems) {
        long n = fieldProblems.addAndGet(problems.size());
        if (n <= LOGGED_IN_FULL || n % 1_000 < problems.size()) {
            LOG.warn(
                    "Node {} on {} sent fields that were left out: {} ({} so far)",
                    deviceId,
                    topic,
                    String.join("; ", problems),
                    n);
        }
    }

    void lateAck(String deviceId, String id) {
        unmatchedAcks.incrementAndGet();
        LOG.debug(
                "Node {} acknowledged {}, which nobody awaits (late, or a status request)",
                deviceId,
                NodeMessages.brief(id));
    }

    StreetlightDriver.Statistics statistics() {
        return new StreetlightDriver.Statistics(
                statuses.get(), rejected.get(), fieldProblems.get(), unmatchedAcks.get());
    }
}
