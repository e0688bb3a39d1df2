package org.urbis.telemetry.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * {@code mosquitto_sub} (Debian package {@code mosquitto-clients}) as an independent reader of what
 * Urbis publishes: each line it prints is {@code topic payload}.
 */
public final class MosquittoSub implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/mosquitto_sub");

    private final Process process;
    public final List<String> lines = new CopyOnWriteArrayList<>();

    public MosquittoSub(Mosquitto broker, String filter, Subscriber prober) throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(BINARY),
                "mosquitto_sub is not installed (apt-get install -y mosquitto-clients): test skipped");
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(broker.port()),
                        "-q",
                        "1",
                        "-v",
                        "-t",
                        filter,
                        "-t",
                        "urbis-probe")
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "mosquitto_sub-reader");
        reader.setDaemon(true);
        reader.start();
        // Until it prints a probe, it may not have subscribed yet.
        Await.until("mosquitto_sub to subscribe", Duration.ofSeconds(10), () -> {
            try {
                prober.publish("urbis-probe", "probe".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                return false;
            }
            return lines.stream().anyMatch(l -> l.startsWith("urbis-probe"));
        });
    }

    /** Payloads printed for a topic. */
    public List<String> on(String topic) {
        String prefix = topic + ' ';
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .toList();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
