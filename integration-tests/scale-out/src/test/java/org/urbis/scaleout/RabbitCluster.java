package org.urbis.scaleout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * A RabbitMQ cluster with its MQTT plugin on loopback, from the Debian package: one epmd on a free port
 * for the whole cluster, each node with its own distribution and MQTT ports and fresh data and log
 * folders, one Erlang cookie. The first node boots, then the others at once, joining it as they boot, and a
 * policy mirrors the MQTT session queues on every node, so that a persistent session outlives the node it
 * was on. Nodes are stopped by PID.
 */
final class RabbitCluster implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");
    private static final Duration BOOT = Duration.ofMinutes(6);

    private final Path dir;
    private final int epmdPort;
    private final Process epmd;
    private final List<Node> nodes = new ArrayList<>();

    /** One broker node: its name, its MQTT port and the process tree of rabbitmq-server. */
    final class Node {
        final int index;
        final String name;
        final int mqttPort;
        private final int distPort;
        private final Path home;
        private Process process;

        private Node(int index, String first) throws IOException {
            this.index = index;
            this.name = "rabbit-" + index + "@localhost";
            this.mqttPort = Mosquitto.freePort();
            this.distPort = Mosquitto.freePort();
            this.home = dir.resolve("rabbit-" + index);
            Files.createDirectories(home);
            // listeners.tcp = none: no AMQP port, only MQTT; Sparkplug's "spBv1.0" keeps its dot.
            List<String> conf = new ArrayList<>(List.of(
                    "listeners.tcp = none",
                    "mqtt.listeners.tcp.default = 127.0.0.1:" + mqttPort,
                    "mqtt.sparkplug = true",
                    "mqtt.allow_anonymous = true",
                    "loopback_users = none"));
            if (!name.equals(first)) {
                // Joins the first node while booting: no join_cluster, which would restart the node. Only the
                // first is listed, so the others never form a cluster of their own.
                conf.addAll(List.of(
                        "cluster_formation.peer_discovery_backend = classic_config",
                        "cluster_formation.classic_config.nodes.1 = " + first,
                        "cluster_formation.classic_config.nodes.2 = " + name,
                        "cluster_formation.discovery_retry_limit = " + BOOT.toSeconds(),
                        "cluster_formation.discovery_retry_interval = 1000"));
            }
            conf.add("");
            Files.writeString(home.resolve("rabbitmq.conf"), String.join("\n", conf));
            Files.writeString(home.resolve("enabled_plugins"), "[rabbitmq_mqtt].\n");
        }

        String url() {
            return "tcp://127.0.0.1:" + mqttPort;
        }

        private void start() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(
                            BIN.resolve("rabbitmq-server").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("server.out").toFile());
            Map<String, String> env = pb.environment();
            env.putAll(environment());
            env.put("RABBITMQ_NODENAME", name);
            env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
            env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
            env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
            env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
            env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
            env.put(
                    "RABBITMQ_ADVANCED_CONFIG_FILE",
                    home.resolve("advanced.config").toString());
            env.put(
                    "RABBITMQ_ENABLED_PLUGINS_FILE",
                    home.resolve("enabled_plugins").toString());
            env.put("RABBITMQ_GENERATED_CONFIG_DIR", home.resolve("generated").toString());
            env.put("RABBITMQ_PID_FILE", home.resolve("rabbit.pid").toString());
            env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
            process = pb.start();
        }

        /**
         * Waits until the node takes MQTT connections: its listeners open once it has booted (and joined the
         * cluster). Knocking on the port costs nothing, unlike rabbitmqctl, which starts an Erlang VM of its own
         * for every question and, asked again and again while the node boots, would take the CPU the boot needs.
         */
        private void awaitStartup() {
            Await.until(name + " to take MQTT connections (" + home.resolve("log") + ")", BOOT, () -> {
                if (!alive()) {
                    throw new IllegalStateException(name + " exited at boot: see " + home.resolve("server.out"));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", mqttPort), 1_000);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        /** kill -9 of the node: the Erlang VM and the script that started it, nothing shuts down. */
        void kill() {
            awaitExit(signal(true), 60);
        }

        /** Signals the node's processes to end (SIGKILL when hard, else SIGTERM) and returns them. */
        private List<ProcessHandle> signal(boolean hard) {
            if (process == null) {
                return List.of();
            }
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(hard ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
            process = null;
            return tree;
        }

        @Override
        public String toString() {
            return name + " (MQTT " + mqttPort + ")";
        }
    }

    /** Skips the calling test when RabbitMQ is not installed, unless it runs under CI, which installs it. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(BIN.resolve("rabbitmq-server"));
        if (!installed && (System.getenv("CI") != null || System.getenv("URBIS_CI") != null)) {
            throw new IllegalStateException("rabbitmq-server is not installed, and CI must run the scale-out test: "
                    + "apt-get install -y rabbitmq-server (.ci/run does)");
        }
        Assumptions.assumeTrue(
                installed,
                "rabbitmq-server is not installed (apt-get install -y rabbitmq-server): scale-out test skipped");
    }

    /** Starts {@code size} nodes in fresh folders under {@code dir} and forms the cluster: {@link #form()}. */
    static RabbitCluster start(Path dir, int size) throws IOException {
        RabbitCluster cluster = new RabbitCluster(dir, size);
        try {
            cluster.form();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * A cluster of {@code size} nodes in fresh folders under {@code dir}, not started yet: their MQTT ports are
     * known, so that clients can be configured while the nodes boot. Starts the cluster's epmd.
     */
    RabbitCluster(Path dir, int size) throws IOException {
        assumeInstalled();
        this.dir = dir;
        delete(dir);
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path cookie = home.resolve(".erlang.cookie");
        Files.writeString(
                cookie, "URBISSCALEOUT" + Long.toHexString(System.nanoTime()).toUpperCase(), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        for (int i = 1; i <= size; i++) {
            nodes.add(new Node(i, "rabbit-1@localhost"));
        }
        this.epmdPort = Mosquitto.freePort();
        this.epmd = new ProcessBuilder("epmd", "-port", Integer.toString(epmdPort), "-address", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("epmd.out").toFile())
                .start();
    }

    /**
     * Boots the first node, then all the others at once, each joining the first as it boots; waits until all
     * of them run in one cluster, and mirrors the MQTT session queues on every node. A node must not join the
     * first while that one still boots: it would copy a schema that the first node's feature flags are changing
     * (schema_integrity_check_failed).
     */
    void form() throws IOException {
        Node first = nodes.get(0);
        first.start();
        first.awaitStartup();
        for (Node n : nodes.subList(1, nodes.size())) {
            n.start();
        }
        ctl(
                Duration.ofMinutes(2),
                "-n",
                first.name,
                "set_policy",
                "--apply-to",
                "queues",
                "mqtt-sessions",
                "^mqtt-subscription-",
                "{\"ha-mode\":\"all\",\"ha-sync-mode\":\"automatic\"}");
        for (Node n : nodes.subList(1, nodes.size())) {
            n.awaitStartup();
        }
        // each joined before it opened its listeners: no need to wait long
        Await.until(
                nodes.size() + " running nodes in the cluster", Duration.ofMinutes(1), () -> running() == nodes.size());
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int index) {
        return nodes.get(index - 1);
    }

    /** The MQTT URLs of the nodes, starting at {@code first} (1-based) and wrapping around. */
    List<String> urls(int first) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            urls.add(nodes.get((first - 1 + i) % nodes.size()).url());
        }
        return urls;
    }

    /** How many nodes a living node counts as running, 0 when none answers. */
    int running() {
        for (Node n : nodes) {
            if (!n.alive()) {
                continue;
            }
            try {
                String status = ctl(Duration.ofMinutes(1), "-n", n.name, "cluster_status", "--formatter", "json");
                int at = status.indexOf("\"running_nodes\":[");
                if (at < 0) {
                    continue;
                }
                String list = status.substring(at, status.indexOf(']', at));
                return list.split("\"rabbit-", -1).length - 1;
            } catch (IOException e) {
                // that node does not answer: ask the next
            }
        }
        return 0;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString()); // where the nodes and rabbitmqctl find the cookie
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        return env;
    }

    /** Runs rabbitmqctl and returns its output, or fails naming the command and what it said. */
    String ctl(Duration deadline, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(BIN.resolve("rabbitmqctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment());
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + deadline);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        // all nodes told at once, then awaited: each takes seconds to shut down
        List<ProcessHandle> stopping = new ArrayList<>();
        nodes.forEach(n -> stopping.addAll(n.signal(false)));
        awaitExit(stopping, 30);
        epmd.destroy();
        try {
            if (!epmd.waitFor(10, TimeUnit.SECONDS)) {
                epmd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            epmd.destroyForcibly();
        }
    }

    /** Waits for processes to end, and kills those still there after {@code seconds}. */
    private static void awaitExit(List<ProcessHandle> processes, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
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
}
