package org.urbis.notify.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.urbis.testing.Await;

/**
 * A real SMTP server: Debian's aiosmtpd ({@code python3 -m aiosmtpd}) on a free port of 127.0.0.1,
 * printing every message it receives, which the test reads back.
 */
final class SmtpServer implements AutoCloseable {

    private static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private final Process process;
    private final int port;
    private final List<String> messages = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();

    SmtpServer() throws IOException {
        this(freePort());
    }

    /** On a given port: a server that comes up where a channel already points. */
    SmtpServer(int port) throws IOException {
        this.port = port;
        process = new ProcessBuilder(PYTHON, "-u", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port)
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(this::read, "aiosmtpd-output");
        reader.setDaemon(true);
        reader.start();
        Await.until(
                "aiosmtpd listening on " + port + " (is python3-aiosmtpd installed?)", Duration.ofSeconds(30), () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean inMessage = false;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("---------- MESSAGE FOLLOWS")) {
                    inMessage = true;
                    current.setLength(0);
                } else if (line.startsWith("------------ END MESSAGE")) {
                    inMessage = false;
                    synchronized (messages) {
                        messages.add(current.toString());
                    }
                } else if (inMessage) {
                    current.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The messages received so far, each its headers and body. */
    List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
