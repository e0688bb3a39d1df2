package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A real mosquitto broker on a free port of 127.0.0.1, with its own configuration, for one test class. */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Paths.get("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;
    private final Path dir;

    private Mosquitto(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a broker, or skips the test when mosquitto is not installed. */
    static Mosquitto start() throws IOException {
        assumeTrue(Files.isExecutable(BINARY), "mosquitto is not installed at " + BINARY
                + " (apt-get install mosquitto): the broker tests are skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("mosquitto-");
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages 100000\n");
        Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Mosquitto broker = new Mosquitto(p, port, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!broker.accepting()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IOException("mosquitto did not start on port " + port + ": "
                        + Files.readString(dir.resolve("mosquitto.log")));
            }
            LockSupport.parkNanos(20_000_000);
        }
        return broker;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
