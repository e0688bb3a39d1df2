package org.urbis.telemetry.internal.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.urbis.api.device.DataType;
import org.urbis.telemetry.internal.Subscriber;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;

/**
 * Counter updates for delivery tests: update {@code i} goes to device {@code D-(i % devices)} with
 * point {@code n} = i, so each device's values increase. {@link Tally} reads them back from
 * ThingsBoard telemetry messages and checks order per device.
 */
final class Counting {

    private Counting() {
    }

    static List<byte[]> updates(int from, int count, int devices) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(RecordCodec.encode(TelemetryRecord.value("D-" + (i % devices), System.currentTimeMillis(), "n",
                    DataType.INTEGER, (long) i, "GOOD", "NONE", "")));
        }
        return out;
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
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
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
