package org.urbis.telemetry.internal.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.urbis.api.device.DataType;
import org.urbis.telemetry.internal.Subscriber;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.store.DurableLog;

/**
 * Counter updates for delivery tests: update {@code i} goes to device {@code D-(i % devices)} with
 * point {@code n} = i, so each device's values increase. {@link Tally} reads them back from
 * ThingsBoard telemetry messages and checks order per device.
 */
final class Counting {

    private Counting() {}

    static List<byte[]> updates(int from, int count, int devices) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(RecordCodec.encode(TelemetryRecord.value(
                    "D-" + (i % devices),
                    System.currentTimeMillis(),
                    "n",
                    DataType.INTEGER,
                    (long) i,
                    "GOOD",
                    "NONE",
                    "")));
        }
        return out;
    }

    /**
     * Appends {@code total} updates to the log at about 2,000 a second, in batches like the event
     * stream's, on a thread of its own.
     */
    static final class Producer extends Thread {
        final AtomicInteger accepted = new AtomicInteger();
        volatile Throwable failure;
        private final DurableLog log;
        private final int total;
        private final int devices;

        Producer(DurableLog log, int total, int devices) {
            super("producer");
            this.log = log;
            this.total = total;
            this.devices = devices;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < total; i += 50) {
                    accepted.addAndGet(log.append(updates(i, 50, devices)));
                    LockSupport.parkNanos(25_000_000); // pacing of the load, not synchronisation
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** What the operations centre received. */
    static final class Tally {
        private static final ObjectMapper JSON = new ObjectMapper();
        final Map<String, Long> lastPerDevice = new TreeMap<>();
        final java.util.BitSet seen = new java.util.BitSet();
        long received;
        long duplicates;
        /** Duplicates in messages the broker redelivered (DUP flag): the broker's at-least-once, not ours. */
        long brokerRedeliveries;

        final List<String> orderViolations = new ArrayList<>();
        /** Per subscriber (one per broker), how many of its messages have been read. */
        private final Map<Subscriber, Integer> consumed = new java.util.IdentityHashMap<>();

        /** Reads the messages not yet read. */
        void update(Subscriber s) throws IOException {
            List<Subscriber.Received> all = s.messages;
            for (int i = consumed.getOrDefault(s, 0); i < all.size(); i++, consumed.put(s, i)) {
                boolean redelivery = all.get(i).duplicate();
                JsonNode root = JSON.readTree(all.get(i).payload());
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> dev = it.next();
                    for (JsonNode entry : dev.getValue()) {
                        long n = entry.get("values").get("n").asLong();
                        received++;
                        if (seen.get((int) n)) {
                            duplicates++;
                            if (redelivery) {
                                brokerRedeliveries++;
                            }
                            continue;
                        }
                        seen.set((int) n);
                        Long last = lastPerDevice.get(dev.getKey());
                        if (last != null && n < last && orderViolations.size() < 10) {
                            orderViolations.add(dev.getKey() + ": " + n + " arrived after " + last);
                        }
                        lastPerDevice.put(dev.getKey(), n);
                    }
                }
            }
        }

        int distinct() {
            return seen.cardinality();
        }

        /** The first missing update below {@code count}, or -1. */
        int firstMissing(int count) {
            int m = seen.nextClearBit(0);
            return m < count ? m : -1;
        }
    }
}
