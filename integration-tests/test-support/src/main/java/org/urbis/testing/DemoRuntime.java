package org.urbis.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the demo distribution on ports of its own, so it never collides with a demo someone
 * runs on the same machine: HTTP, SSH, RMI, the embedded MQTT broker and the water simulator's
 * Modbus gateway all move to free ports. The street-light simulator reports every 2 s and the driver
 * calls a node silent after 6 s, so the test's luminaire without a node raises its alarm quickly.
 */
public final class DemoRuntime implements AutoCloseable {

    private static final String WATER_SIMULATOR_PORT = "5020";

    private final Path home;
    private final int httpPort = freePort();
    private final int mqttPort = freePort();
    private Process karaf;

    /** Copies the demo distribution at {@code demo} (karaf-assembly/target/demo) to {@code home}. */
    public DemoRuntime(Path demo, Path home) throws IOException {
        this.home = home;
        copy(demo, home);
        int mqtt = mqttPort;
        int modbus = freePort();
        String broker = "tcp://127.0.0.1:" + mqtt;
        set(
                "org.ops4j.pax.web.cfg",
                Map.of(
                        "org.osgi.service.http.port",
                        Integer.toString(httpPort),
                        "org.ops4j.pax.web.listening.addresses",
                        "127.0.0.1"));
        set("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(freePort())));
        set(
                "org.apache.karaf.management.cfg",
                Map.of("rmiRegistryPort", Integer.toString(freePort()), "rmiServerPort", Integer.toString(freePort())));
        set(
                "org.urbis.broker.cfg",
                Map.of("host", "127.0.0.1", "port", Integer.toString(mqtt), "persistence", "false"));
        set(
                "org.urbis.telemetry.cfg",
                Map.of(
                        "broker.url",
                        broker,
                        "group.id",
                        "urbis",
                        "node.id",
                        "urbis-browser-test",
                        "encoding",
                        "sparkplug"));
        set("org.urbis.driver.streetlight.cfg", Map.of("broker.url", broker, "silentAfterSeconds", "6"));
        set(
                "org.urbis.simulator.streetlight.cfg",
                Map.of(
                        "broker.url",
                        broker,
                        "count",
                        "3",
                        "idPrefix",
                        "SL-PT-",
                        "topicRoot",
                        "urbis/luminaires",
                        "statusIntervalSeconds",
                        "2"));
        set("org.urbis.simulator.water.cfg", Map.of("port", Integer.toString(modbus), "units", "2"));
        Path site = home.resolve("etc/urbis/inventory/demo-site.geojson");
        Files.writeString(
                site,
                Files.readString(site).replace("127.0.0.1:" + WATER_SIMULATOR_PORT + "/", "127.0.0.1:" + modbus + "/"));
    }

    /** Adds an inventory file (GeoJSON) to the demo site's. */
    public void addInventory(String name, String geojson) throws IOException {
        Files.writeString(home.resolve("etc/urbis/inventory").resolve(name), geojson);
    }

    /**
     * Makes the runtime a district of street lights of its own: the demo site's inventory, schedules and
     * programmes go, and it boots the platform and every driver with the embedded broker and the
     * street-light simulator only (the demo's other simulators listen on fixed ports, which several
     * runtimes on one machine would fight over).
     */
    public void streetLightDistrict(String inventoryName, String geojson) throws IOException {
        for (String dir : List.of("inventory", "schedules", "irrigation", "grid")) {
            delete(home.resolve("etc/urbis").resolve(dir));
        }
        Files.createDirectories(home.resolve("etc/urbis/inventory"));
        addInventory(inventoryName, geojson);
        Path features = home.resolve("etc/org.apache.karaf.features.cfg");
        Files.writeString(
                features,
                Files.readString(features)
                        .replace(
                                "featuresBoot = urbis-demo, ",
                                "featuresBoot = urbis-broker, urbis-all, urbis-simulator-streetlight, "));
    }

    public Path home() {
        return home;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The embedded MQTT broker's port, where the luminaires report. */
    public int mqttPort() {
        return mqttPort;
    }

    public void start(Duration deadline) throws IOException {
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Any answer of the API (200, or 401 before a login) means the REST bundle is up.
        Await.until(
                "GET /api/v1/site to answer on " + baseUrl(),
                deadline,
                () -> karaf.isAlive() && answers(http, "/api/v1/site"),
                () -> karaf.isAlive()
                        ? ""
                        : "(Karaf exited with " + karaf.exitValue() + ", see " + home.resolve("karaf.out") + ")");
    }

    private boolean answers(HttpClient http, String path) {
        return KarafHome.answers(
                http,
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .timeout(Duration.ofSeconds(2))
                        .build());
    }

    /** Stops Karaf and every process it started: bin/karaf runs the JVM as its child. */
    @Override
    public synchronized void close() {
        if (karaf == null) {
            return;
        }
        KarafHome.stop(karaf);
        karaf = null;
    }

    /** Kills the runtime as a power cut would: SIGKILL to the JVM and the script that started it, nothing shuts down. */
    public synchronized void kill() throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(karaf.descendants().toList());
        tree.add(karaf.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        karaf = null;
    }

    /** Sets keys of an etc/*.cfg file, keeping its other lines; the file is created when missing. */
    public void set(String file, Map<String, String> values) throws IOException {
        KarafHome.set(home, file, values);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from.resolve("bin"))) {
            throw new IOException(from + " is no distribution: build karaf-assembly first");
        }
        // without it nothing answers /api/v1 and the wait below could only time out
        if (!Files.isDirectory(from.resolve("system/org/urbis/urbis-rest"))) {
            throw new IOException(from + " holds no REST API (urbis-rest): the console has nothing to talk to");
        }
        delete(to);
        try {
            // cp -a keeps bin/'s executable bits
            int exit = new ProcessBuilder("cp", "-a", from.toString(), to.toString())
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int freePort() {
        try {
            return Mosquitto.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
