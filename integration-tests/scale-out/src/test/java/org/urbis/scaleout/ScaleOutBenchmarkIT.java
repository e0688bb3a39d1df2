package org.urbis.scaleout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.urbis.testing.Await;
import org.urbis.testing.Paho;

/**
 * Throughput of the city on this machine (benchmarks/scale-out/run.sh runs it; skipped otherwise):
 * readings per second delivered to the operations centre from one district alone and from three through
 * the three-node cluster, and the cluster's own ceiling for QoS 1 messages from a raw Paho publisher on one
 * node to a subscriber on another, all in the same run.
 */
class ScaleOutBenchmarkIT {

    private static final Path WORK = Path.of(System.getProperty("urbis.scaleout.work", "target"));

    @Test
    void throughput() throws Exception {
        String results = System.getProperty("urbis.scaleout.results", "");
        Assumptions.assumeFalse(results.isEmpty(), "a benchmark: benchmarks/scale-out/run.sh runs it");
        Duration window = Duration.ofSeconds(Long.getLong("urbis.scaleout.seconds", 30));
        int reporters = Integer.getInteger("urbis.scaleout.reporters", 20);
        Path work = Files.createDirectories(WORK.resolve("scale-out-benchmark"));
        List<String> lines = new ArrayList<>();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        try (RabbitCluster cluster = RabbitCluster.start(work.resolve("rabbitmq"), 3)) {
            List<District> districts = new ArrayList<>();
            try (OperationsCentre host = new OperationsCentre("city", "ioc", cluster.urls(1))) {
                for (int n = 1; n <= 3; n++) {
                    // as fast as each luminaire's QoS 1 report is acknowledged by the runtime's broker
                    districts.add(new District(
                            Path.of(System.getProperty("urbis.scaleout.demo")),
                            work.resolve("district-" + n),
                            n,
                            cluster.urls(n),
                            "ioc",
                            0,
                            reporters,
                            1_000_000));
                }
                ExecutorService boot = Executors.newFixedThreadPool(3);
                List<Future<?>> started = new ArrayList<>();
                for (District d : districts) {
                    started.add(boot.submit(() -> {
                        d.start();
                        return null;
                    }));
                }
                for (Future<?> f : started) {
                    f.get();
                }
                boot.shutdownNow();
                for (District d : districts) {
                    Await.until(
                            d.nodeId + "'s births",
                            Duration.ofMinutes(5),
                            () -> host.bornDevices(d.nodeId).size() >= reporters);
                }
                double one = delivered(host, districts.subList(0, 1), window);
                double three = delivered(host, districts, window);
                lines.add(String.format(
                        "one district alone (%d luminaires reporting flat out): %.0f readings/s delivered to the host",
                        reporters, one));
                lines.add(String.format(
                        "three districts through the three-node cluster: %.0f readings/s in total (%.2f x one district)",
                        three, three / one));
            } finally {
                for (District d : districts) {
                    d.close();
                }
            }
            double ceiling = brokerCeiling(cluster, window);
            lines.add(String.format(
                    "broker ceiling: %.0f QoS 1 messages/s from a raw Paho publisher on %s to a subscriber on %s",
                    ceiling, cluster.node(2).name, cluster.node(3).name));
        }
        lines.add("window " + window.toSeconds() + " s; load average (/proc/loadavg) at the start: " + loadBefore
                + ", at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        Files.createDirectories(Path.of(results).getParent());
        Files.write(Path.of(results), lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
    }

    /** Readings per second the host receives while the given districts report, over the window. */
    private static double delivered(OperationsCentre host, List<District> reporting, Duration window) throws Exception {
        for (District d : reporting) {
            d.startReporting();
        }
        // warm-up: the first readings of every district have arrived
        for (District d : reporting) {
            int before = host.metricsNamed("energy").size();
            Await.until(
                    "readings from " + d.nodeId,
                    Duration.ofMinutes(2),
                    () -> host.metricsNamed("energy").size() > before + 100);
        }
        int from = host.metricsNamed("energy").size();
        long start = System.nanoTime();
        Await.until(
                "the end of the window", window.plusMinutes(1), () -> System.nanoTime() - start >= window.toNanos());
        int to = host.metricsNamed("energy").size();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (District d : reporting) {
            d.stopReporting();
        }
        return (to - from) / seconds;
    }

    /** QoS 1 messages per second through the cluster, publisher and subscriber on different nodes. */
    private static double brokerCeiling(RabbitCluster cluster, Duration window) throws Exception {
        AtomicLong received = new AtomicLong();
        MqttClient subscriber = new MqttClient(cluster.node(3).url(), "ceiling-sub", new MemoryPersistence());
        subscriber.connect();
        subscriber.subscribe("bench/#", 1, (topic, message) -> received.incrementAndGet());
        MqttAsyncClient publisher = Paho.connectAsync(cluster.node(2).url(), "ceiling-pub", 1_000);
        byte[] payload = new byte[120]; // about one DDATA of a few metrics
        long start = System.nanoTime();
        long from = -1;
        long fromTime = 0;
        while (System.nanoTime() - start < window.toNanos() * 2) {
            if (from < 0 && System.nanoTime() - start > window.toNanos() / 2) {
                from = received.get(); // after a warm-up of half a window
                fromTime = System.nanoTime();
            }
            try {
                IMqttDeliveryToken token = publisher.publish("bench/ceiling", payload, 1, false);
                if (publisher.getPendingDeliveryTokens().length > 900) {
                    token.waitForCompletion();
                }
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                publisher.getPendingDeliveryTokens()[0].waitForCompletion();
            }
        }
        double rate = (received.get() - from) / ((System.nanoTime() - fromTime) / 1e9);
        publisher.disconnect().waitForCompletion();
        publisher.close();
        subscriber.disconnect();
        subscriber.close();
        return rate;
    }
}
