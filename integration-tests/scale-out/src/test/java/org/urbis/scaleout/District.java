package org.urbis.scaleout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.urbis.testing.Await;
import org.urbis.testing.DemoRuntime;
import org.urbis.testing.Paho;

/**
 * One district of the city: a copy of the demo distribution with its own node id, the street-light
 * simulator's luminaires {@code SL-D<n>-001...}, and luminaires {@code SL-D<n>-101...} for which the test
 * itself reports, each report one more kWh than the one before, so that a gap or a repeat is plain to see.
 */
final class District implements AutoCloseable {

    private static final String VIEWER =
            "Basic " + Base64.getEncoder().encodeToString("viewer:demo-viewer".getBytes(StandardCharsets.UTF_8));

    final int number;
    final String nodeId;
    private final DemoRuntime runtime;
    private final List<String> reporters = new ArrayList<>();
    private final Map<String, AtomicLong> sent = new LinkedHashMap<>();
    private final int rate;
    private Thread reporting;
    private MqttClient reporter;
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";
    private volatile boolean reportingOn;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Each start of the reports marks the driver's readiness with a program id of its own. */
    private int rounds;

    District(
            Path demo,
            Path home,
            int number,
            List<String> brokerUrls,
            String hostId,
            int luminaires,
            int reporters,
            int rate)
            throws IOException {
        this.number = number;
        this.nodeId = "district-" + number;
        this.rate = rate;
        this.runtime = new DemoRuntime(demo, home);
        List<String> features = new ArrayList<>();
        for (int i = 1; i <= luminaires; i++) {
            features.add(luminaire(String.format("SL-D%d-%03d", number, i), i));
        }
        for (int i = 1; i <= reporters; i++) {
            String id = String.format("SL-D%d-%03d", number, 100 + i);
            this.reporters.add(id);
            sent.put(id, new AtomicLong());
            features.add(luminaire(id, 100 + i));
        }
        runtime.streetLightDistrict(
                nodeId + ".geojson",
                "{\"type\":\"FeatureCollection\",\"name\":\"District " + number + "\",\"features\":[\n"
                        + String.join(",\n", features) + "\n]}\n");
        bootOnly(home, luminaires > 0 ? BOOT + ", urbis-simulator-streetlight" : BOOT);
        Map<String, String> telemetry = new LinkedHashMap<>();
        telemetry.put("broker.url", String.join(",", brokerUrls));
        telemetry.put("group.id", "city");
        telemetry.put("node.id", nodeId);
        telemetry.put("encoding", "sparkplug");
        telemetry.put("reconnect.minMillis", "200");
        telemetry.put("reconnect.maxMillis", "2000");
        telemetry.put("keepAliveSeconds", "10");
        if (hostId != null) {
            telemetry.put("primaryHost.id", hostId);
        }
        runtime.set("org.urbis.telemetry.cfg", telemetry);
        runtime.set(
                "org.urbis.simulator.streetlight.cfg",
                Map.of(
                        "count",
                        Integer.toString(luminaires),
                        "idPrefix",
                        "SL-D" + number + "-",
                        "statusIntervalSeconds",
                        "5"));
        runtime.set("org.urbis.driver.streetlight.cfg", Map.of("silentAfterSeconds", "60"));
    }

    /**
     * What a district boots: the platform, commands, telemetry, the street-light driver (and its simulator
     * when the district has simulated luminaires), the embedded broker, and the REST API the harness waits on; not the demo's history, console,
     * notifications, bundle trust or other drivers, which would only slow three boots on shared cores.
     */
    private static final String BOOT = "package, scr, log, framework, system, eventadmin, feature, shell, management, "
            + "service, jaas, config, bundle, wrap, urbis-broker, urbis-core, urbis-control, urbis-telemetry, "
            + "urbis-driver-streetlight, urbis-rest";

    private static void bootOnly(Path home, String features) throws IOException {
        Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        String before = Files.readString(cfg);
        // the featuresBoot list runs over lines ending in a backslash
        String after =
                before.replaceFirst("(?m)^featuresBoot\\s*=(?:[^\n]*\\\\\n)*[^\n]*", "featuresBoot = " + features);
        if (after.equals(before)) {
            throw new IOException("no featuresBoot in " + cfg);
        }
        Files.writeString(cfg, after);
    }

    private static String luminaire(String id, int i) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.1"
                + i + ",10.93]},\"properties\":{\"class\":\"streetlight\",\"driver\":\"streetlight\",\"address\":"
                + "\"urbis/luminaires/" + id + "\",\"profile\":\"luminaire-led\",\"pollInterval\":60}}";
    }

    void start() throws IOException {
        runtime.start(Duration.ofMinutes(12)); // three boot at once on a shared machine
    }

    List<String> reporters() {
        return reporters;
    }

    /** The last kWh reading the runtime's broker acknowledged for a luminaire the test reports for. */
    long sent(String device) {
        return sent.get(device).get();
    }

    /**
     * Reports for the test's luminaires, {@code rate} times a second each, through the runtime's own
     * broker (QoS 1, as the luminaires' nodes do), until {@link #stopReporting()}.
     */
    void startReporting() throws Exception {
        Await.until("the MQTT broker of " + nodeId, Duration.ofMinutes(3), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", runtime.mqttPort()), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        reporter = new MqttClient(
                "tcp://127.0.0.1:" + runtime.mqttPort(), nodeId + "-luminaires", new MemoryPersistence());
        reporter.connect(Paho.reconnecting(1_000));
        awaitDriverListening(reporter);
        MqttClient client = reporter;
        reportingOn = true;
        reporting = new Thread(
                () -> {
                    long period = TimeUnit.SECONDS.toNanos(1) / rate;
                    while (reportingOn) {
                        for (Map.Entry<String, AtomicLong> e : sent.entrySet()) {
                            long next = e.getValue().get() + 1;
                            String status = "{\"ts\":" + System.currentTimeMillis()
                                    + ",\"relay\":true,\"dim\":100,\"power\":96.5," + "\"energy\":" + next
                                    + ",\"lamp\":\"OK\",\"voltage\":230.0}";
                            try {
                                client.publish(
                                        "urbis/luminaires/" + e.getKey() + "/status",
                                        status.getBytes(StandardCharsets.UTF_8),
                                        1,
                                        false);
                                e.getValue().set(next);
                            } catch (MqttException | RuntimeException ex) {
                                // not acknowledged: the same reading goes again on the next round (a thread that
                                // died here would stop the readings without a word)
                                failures.incrementAndGet();
                                lastFailure = ex.toString();
                            }
                        }
                        LockSupport.parkNanos(period); // the reporting rate, not a wait for anything
                    }
                },
                nodeId + " luminaires");
        reporting.start();
    }

    /**
     * Waits until the runtime's street-light driver takes what each of the test's luminaires reports. A report
     * sent before the driver's subscription is in place is acknowledged by the broker and dropped, as no one
     * listens yet, so it must not count as accepted: each luminaire first sends statuses without a reading,
     * naming a program id of this round, until the runtime shows that program id for it. The driver subscribes
     * once per connection, so from then on every report the broker acknowledges reaches the driver.
     */
    private void awaitDriverListening(MqttClient client) {
        String program = nodeId + "-ready-" + ++rounds;
        byte[] status = ("{\"programId\":\"" + program + "\"}").getBytes(StandardCharsets.UTF_8);
        Set<String> unheard = new LinkedHashSet<>(reporters);
        long[] nextTry = {System.nanoTime()};
        Await.until(
                "the street-light driver of " + nodeId + " to take the statuses of " + reporters,
                Duration.ofMinutes(3),
                () -> {
                    if (System.nanoTime() - nextTry[0] < 0) {
                        return false; // the REST API is asked once a second, not at the polling cadence
                    }
                    nextTry[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    unheard.removeIf(device -> runtimeShows(device, program));
                    for (String device : unheard) {
                        try {
                            client.publish("urbis/luminaires/" + device + "/status", status, 1, false);
                        } catch (MqttException e) {
                            // the next try sends it again
                        }
                    }
                    return unheard.isEmpty();
                },
                () -> "(not taken for " + unheard + ")");
    }

    /** Whether the runtime's REST API shows {@code text} among the device's values. */
    private boolean runtimeShows(String device, String text) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/api/v1/devices/" + device))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", VIEWER)
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"" + text + "\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reports the runtime's broker did not acknowledge (and that were sent again), and the last reason. */
    String reportFailures() {
        return failures.get() + " reports not acknowledged" + (lastFailure.isEmpty() ? "" : ", last: " + lastFailure);
    }

    void stopReporting() throws Exception {
        if (reporting != null) {
            reportingOn = false; // not an interrupt, which Paho's wait for an acknowledgement may swallow
            reporting.join(30_000);
            reporting = null;
        }
        if (reporter != null) {
            try {
                reporter.disconnectForcibly(1_000, 1_000);
            } catch (MqttException e) {
                // the runtime is gone already
            }
            try {
                reporter.close(true);
            } catch (MqttException e) {
                // closed as far as it goes: its threads are gone with the connection
            }
            reporter = null;
        }
    }

    /** kill -9 of the runtime, as a power cut would do it. */
    void kill() throws Exception {
        runtime.kill();
    }

    @Override
    public void close() throws Exception {
        stopReporting();
        runtime.close();
    }
}
