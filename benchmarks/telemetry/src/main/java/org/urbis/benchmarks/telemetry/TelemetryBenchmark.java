package org.urbis.benchmarks.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.value.Value;
import org.urbis.telemetry.internal.EventRecorder;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.sparkplug.SparkplugEncoding;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.testing.Mosquitto;
import org.urbis.testing.Paho;

/**
 * Telemetry throughput on this machine:
 * <ol>
 * <li>accepted: point updates taken from event batches (deadband check, record encoding, CRC framing,
 * append with group commit) into the durable buffer, per second;</li>
 * <li>delivered: the same kind of updates drained from the buffer through a real mosquitto to a
 * subscriber, Sparkplug B, per second;</li>
 * <li>baseline, same run and broker: a raw Paho client publishing one point per QoS 1 message.</li>
 * </ol>
 * Arguments: results file, accepted count, delivered count, baseline count.
 */
public final class TelemetryBenchmark {

    private static final int DEVICES = 1_000;

    private TelemetryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "target/results.txt");
        int acceptN = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int deliverN = args.length > 2 ? Integer.parseInt(args[2]) : 500_000;
        int rawN = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        Path work = Files.createTempDirectory("urbis-telemetry-bench");
        List<Device> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(new Device(
                    "SL-" + d,
                    DeviceClass.STREETLIGHT,
                    "streetlight",
                    "bench",
                    null,
                    null,
                    List.of(Point.builder("dim", DataType.FLOAT)
                            .access(Access.READ_WRITE)
                            .build()),
                    null,
                    null));
        }
        Catalogue catalogue = new Catalogue() {
            @Override
            public Optional<Device> device(String id) {
                return Optional.of(devices.get(Integer.parseInt(id.substring(3))));
            }

            @Override
            public Collection<Device> present() {
                return devices;
            }
        };

        double accepted = accepted(work.resolve("accept"), catalogue, acceptN);
        System.out.printf("accepted into the buffer: %.0f updates/s%n", accepted);

        Mosquitto broker = Mosquitto.start(work.resolve("broker"));
        String url = broker.url();
        try {
            double delivered = delivered(work.resolve("deliver"), catalogue, url, deliverN);
            System.out.printf("delivered through mosquitto: %.0f updates/s%n", delivered);
            double raw = rawPaho(url, rawN);
            System.out.printf("raw Paho, one point per QoS 1 message: %.0f updates/s%n", raw);
            Files.createDirectories(results.toAbsolutePath().getParent());
            String text = String.join(
                    "\n",
                    "# Urbis telemetry throughput, " + Instant.now() + ", "
                            + Runtime.getRuntime().availableProcessors() + " cores, Java "
                            + System.getProperty("java.version") + ", mosquitto on 127.0.0.1",
                    String.format(
                            "accepted_into_buffer_updates_per_s %.0f   # %d updates, %d devices, batches of 500",
                            accepted, acceptN, DEVICES),
                    String.format(
                            "delivered_through_mosquitto_updates_per_s %.0f   # %d updates, Sparkplug B, QoS 1, "
                                    + "from the buffer to a subscriber",
                            delivered, deliverN),
                    String.format(
                            "raw_paho_one_point_per_qos1_message_updates_per_s %.0f   # baseline, same run, %d messages",
                            raw, rawN),
                    String.format("delivered_to_raw_ratio %.1f", delivered / raw),
                    String.format("accepted_to_raw_ratio %.1f", accepted / raw),
                    "");
            Files.writeString(results, text);
            System.out.print(text);
        } finally {
            broker.close();
        }
    }

    private static List<DeviceEvent> batch(int from, int n, Instant t) {
        List<DeviceEvent> events = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            events.add(new ValueChanged("SL-" + (i % DEVICES), Value.good("dim", (double) i, t), null));
        }
        return events;
    }

    private static void fill(DurableLog log, EventRecorder recorder, int count) throws IOException {
        Instant t = Instant.now();
        for (int i = 0; i < count; i += 500) {
            List<TelemetryRecord> records = recorder.record(batch(i, Math.min(500, count - i), t));
            List<byte[]> bytes = new ArrayList<>(records.size());
            for (TelemetryRecord r : records) {
                bytes.add(RecordCodec.encode(r));
            }
            log.append(bytes);
        }
    }

    private static double accepted(Path dir, Catalogue catalogue, int count) throws IOException {
        LogSettings settings =
                new LogSettings(4L << 30, 64L << 20, LogSettings.Overflow.DROP_NEWEST, null, Duration.ofMillis(200));
        try (DurableLog log = DurableLog.open(dir.resolve("warmup"), settings)) {
            fill(log, new EventRecorder(catalogue), Math.min(count, 200_000));
        }
        try (DurableLog log = DurableLog.open(dir.resolve("run"), settings)) {
            long start = System.nanoTime();
            fill(log, new EventRecorder(catalogue), count);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (log.stats().appended() != count) {
                throw new IllegalStateException("accepted " + log.stats().appended() + " of " + count);
            }
            return count / seconds;
        }
    }

    private static double delivered(Path dir, Catalogue catalogue, String url, int count) throws Exception {
        AtomicLong received = new AtomicLong();
        MqttClient sub = subscriber(url, "bench-ioc", "spBv1.0/#", received);
        try (DurableLog log = DurableLog.open(
                dir, new LogSettings(4L << 30, 64L << 20, LogSettings.Overflow.BLOCK, null, Duration.ofMillis(200)))) {
            fill(log, new EventRecorder(catalogue), count);
            LinkSettings link = new LinkSettings(
                    url,
                    "bench-node",
                    "",
                    "",
                    "",
                    "",
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(2),
                    20_000,
                    200,
                    Duration.ofSeconds(30));
            long start = System.nanoTime();
            try (Uplink uplink = new Uplink(
                            link,
                            new SparkplugEncoding(new NodeIdentity("bench", "node"), () -> 0),
                            catalogue,
                            log,
                            r -> null)
                    .start()) {
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (log.stats().pending() > 0
                        || received.get() < uplink.stats().published()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("not delivered in time: " + log.stats() + " " + uplink.stats());
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return count / seconds;
            }
        } finally {
            sub.disconnect();
            sub.close();
        }
    }

    private static double rawPaho(String url, int count) throws Exception {
        AtomicLong received = new AtomicLong();
        MqttClient sub = subscriber(url, "bench-raw-ioc", "raw/#", received);
        MqttAsyncClient pub = Paho.connectAsync(url, "bench-raw", 200);
        try {
            long start = System.nanoTime();
            ArrayDeque<IMqttDeliveryToken> inflight = new ArrayDeque<>();
            for (int i = 0; i < count; i++) {
                while (inflight.size() >= 190) {
                    inflight.poll().waitForCompletion();
                }
                String json = "{\"ts\":" + System.currentTimeMillis() + ",\"dim\":" + i + ".0}";
                MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                while (true) {
                    try {
                        inflight.add(pub.publish("raw/SL-" + (i % DEVICES) + "/dim", m));
                        break;
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        // Paho frees in-flight slots a little after their tokens complete: wait for one.
                        if (e.getReasonCode()
                                != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        if (!inflight.isEmpty()) {
                            inflight.poll().waitForCompletion();
                        } else {
                            LockSupport.parkNanos(200_000);
                        }
                    }
                }
            }
            while (!inflight.isEmpty()) {
                inflight.poll().waitForCompletion();
            }
            while (received.get() < count) {
                LockSupport.parkNanos(1_000_000);
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pub.disconnect().waitForCompletion();
            pub.close();
            sub.disconnect();
            sub.close();
        }
    }

    private static MqttClient subscriber(String url, String id, String filter, AtomicLong received) throws Exception {
        MqttClient sub = Paho.connect(url, id, 1000);
        sub.subscribe(filter, 1, (topic, message) -> received.incrementAndGet());
        return sub;
    }
}
