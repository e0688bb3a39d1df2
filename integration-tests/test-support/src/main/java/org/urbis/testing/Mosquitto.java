package org.urbis.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real mosquitto broker (Debian package {@code mosquitto}) on a free loopback port, with its own
 * configuration and persistence folder, that a test can stop, kill and start again on the same port.
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final Path config;
    private Process process;

    private Mosquitto(Path dir, int port, List<String> listenerSettings) throws IOException {
        this.dir = dir;
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        Files.createDirectories(dir);
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        String.join("\n", listenerSettings),
                        listenerSettings.stream().anyMatch(l -> l.startsWith("allow_anonymous"))
                                ? ""
                                : "allow_anonymous true",
                        // Started as root, mosquitto would switch to its own user and lose access to this folder.
                        "user " + System.getProperty("user.name"),
                        "persistence true",
                        "persistence_location " + dir.toAbsolutePath() + "/",
                        "max_queued_messages 0",
                        "log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath(),
                        ""));
    }

    /** Skips the calling test, saying why, when mosquitto is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(BINARY),
                "mosquitto is not installed (apt-get install -y mosquitto mosquitto-clients): test skipped");
    }

    public static Mosquitto start(Path dir) throws IOException {
        return start(dir, List.of());
    }

    /** A broker whose listener has further settings (TLS files, allow_anonymous, password_file). */
    public static Mosquitto start(Path dir, List<String> listenerSettings) throws IOException {
        assumeInstalled();
        Mosquitto m = new Mosquitto(dir, freePort(), listenerSettings);
        m.start();
        return m;
    }

    /** A broker on a given port (one a client was already told about). */
    public static Mosquitto startOnPort(Path dir, int port) throws IOException {
        assumeInstalled();
        Mosquitto m = new Mosquitto(dir, port, List.of());
        m.start();
        return m;
    }

    /** Ports handed out by {@link #freePort()} in this JVM. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before in this JVM: the system may well give a closed port again,
     * and a test that sets up several processes before any of them binds must not give two of them one port.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** CPU time the broker process has used so far; zero when it is not running or the system does not say. */
    public synchronized Duration cpuTime() {
        return process == null
                ? Duration.ZERO
                : process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public synchronized void start() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        Await.until(
                "mosquitto listening on " + port,
                Duration.ofSeconds(10),
                this::accepting,
                () -> "(alive: " + process.isAlive() + ")");
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops it the polite way (SIGTERM): it saves its persistent sessions. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** Kills it (SIGKILL). */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
