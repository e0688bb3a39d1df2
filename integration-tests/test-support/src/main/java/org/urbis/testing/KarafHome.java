package org.urbis.testing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A copy of the distribution that a test or a benchmark configures and runs as a process of its own. */
public final class KarafHome {

    private KarafHome() {}

    /** Sets keys of an etc/*.cfg file of the copy at {@code home}, keeping its other lines; the file is created when missing. */
    public static void set(Path home, String file, Map<String, String> values) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        lines.removeIf(line ->
                values.keySet().stream().anyMatch(key -> line.matches("\\s*" + Pattern.quote(key) + "\\s*[=:].*")));
        values.forEach((key, value) -> lines.add(key + " = " + value));
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    /** Whether the REST API answers a request at all (200, or 401 before a login): the REST bundle is up. */
    public static boolean answers(HttpClient http, HttpRequest request) {
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops Karaf and every process it started (bin/karaf runs the JVM as its child), forcibly after 20 s. */
    public static void stop(Process karaf) {
        List<ProcessHandle> tree = new ArrayList<>(karaf.descendants().toList());
        tree.add(karaf.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }
}
