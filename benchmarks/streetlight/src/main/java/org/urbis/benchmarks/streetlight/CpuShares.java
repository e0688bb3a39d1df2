package org.urbis.benchmarks.streetlight;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Where a round's CPU went: this process's threads grouped by what they are (each Paho client's receiver,
 * sender and callback threads, the pipeline, the audit log) and the broker process beside it; and the time the
 * JIT spent compiling and the collector collecting, which no thread of the platform's shows (elapsed times,
 * not CPU: a compiler thread waiting for a core counts).
 */
final class CpuShares {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static final Pattern DIGITS = Pattern.compile("[-#]?\\d+$");

    private final Map<Long, Long> threadCpu;
    private final long brokerNanos;
    private final Supplier<Long> broker;
    private final long jitMillis;
    private final long gcMillis;

    private CpuShares(Supplier<Long> broker) {
        this.broker = broker;
        this.brokerNanos = broker.get();
        this.jitMillis = JIT.getTotalCompilationTime();
        this.gcMillis = gcMillis();
        this.threadCpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            threadCpu.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
    }

    /** Starts counting; {@code broker} gives the broker's CPU nanoseconds so far. */
    static CpuShares start(Supplier<Long> broker) {
        return new CpuShares(broker);
    }

    /**
     * The CPU milliseconds since the start by group, largest first, as {@code group=ms} pairs. Threads
     * started during the round count in full, threads ended during it not at all (there were none in the
     * measured rounds: the pools are fixed).
     */
    String since() {
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(t.getThreadId());
            if (now < 0) {
                continue;
            }
            long used = now - threadCpu.getOrDefault(t.getThreadId(), 0L);
            byGroup.merge(group(t.getThreadName()), used, Long::sum);
        }
        byGroup.merge("mosquitto (broker process)", broker.get() - brokerNanos, Long::sum);
        byGroup.put("JIT compiling (elapsed)", (JIT.getTotalCompilationTime() - jitMillis) * 1_000_000);
        byGroup.put("GC (elapsed)", (gcMillis() - gcMillis) * 1_000_000);
        StringBuilder out = new StringBuilder();
        byGroup.entrySet().stream()
                .filter(e -> e.getValue() >= 5_000_000)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue() / 1_000_000));
        return out.toString();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(t -> t > 0)
                .sum();
    }

    /** A thread's group: its name without a trailing number, Paho's threads by client. */
    private static String group(String name) {
        if (name.startsWith("MQTT ")) {
            // "MQTT Rec: urbis-streetlight-1a2b3c": the thread's role and the client's kind
            int colon = name.indexOf(':');
            String client = colon < 0 ? "" : name.substring(colon + 1).trim();
            String kind = client.startsWith("urbis-sim")
                    ? "simulated fleet"
                    : client.startsWith("urbis-streetlight")
                            ? "driver"
                            : client.startsWith("bench-raw") ? "raw" : client;
            return "paho " + kind + " " + name.substring(5, colon < 0 ? name.length() : colon);
        }
        return DIGITS.matcher(name).replaceAll("");
    }
}
