package org.urbis.benchmarks.rest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built Urbis distribution (production profile) unpacked into a folder of its own, on free loopback
 * ports, with a benchmark user, the test driver and an inventory of many devices, run as a separate process
 * exactly as a site runs it ({@code bin/karaf server}).
 */
final class Distribution implements AutoCloseable {

    static final String USER = "bench";
    static final String PASSWORD = "bench-password-1";

    /** Linux's USER_HZ, the unit of the CPU times in /proc. */
    private static final int CLOCK_TICKS = 100;
    /** HotSpot's JIT compiler threads, by their names as Linux shows them (cut to 15 characters). */
    private static final Pattern COMPILER_THREADS = Pattern.compile("C[12] CompilerThre");
    /** The control bundle's start-up warm-up of the command path ("urbis-command-warm-up"). */
    private static final Pattern WARM_UP_THREAD = Pattern.compile("urbis-command-w");

    private final Path home;
    private final int httpPort;
    private Process process;

    private Distribution(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    /**
     * Unpacks {@code tarball} into {@code work} (emptied first) and configures it.
     *
     * @param signer  the certificate of the key that signed the test driver
     * @param devices how many test-driver devices the inventory holds
     * @param pollSeconds their poll interval: every poll changes their one value
     */
    static Distribution prepare(Path tarball, Path testDriver, Path signer, Path work, int devices, int pollSeconds)
            throws IOException, InterruptedException {
        if (Files.exists(work)) {
            run(work.getParent(), "rm", "-rf", work.toString());
        }
        Files.createDirectories(work);
        run(work, "tar", "xzf", tarball.toAbsolutePath().toString(), "--strip-components=1");
        int http = freePort();
        Path etc = work.resolve("etc");
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.enabled", "true");
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(http));
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.secure.enabled", "false");
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(freePort()));
        // Plain HTTP on loopback, as the demo serves it: the production profile's HTTPS needs a site's keystore.
        set(etc.resolve("org.urbis.rest.cfg"), "session.secureCookie", "false");
        set(etc.resolve("org.urbis.core.cfg"), "inventory.knownDrivers", "test");
        Files.writeString(
                etc.resolve("users.properties"),
                "\n" + USER + " = " + PASSWORD + ",viewer,operator,admin\n",
                StandardOpenOption.APPEND);
        // The production profile reads no deploy folder and admits only bundles signed by a trusted key: the
        // benchmark's site reads it and trusts the build key, which signs the test driver.
        set(etc.resolve("org.apache.felix.fileinstall-deploy.cfg"), "felix.fileinstall.filter", ".*jar");
        Files.copy(signer, Files.createDirectories(etc.resolve("urbis/trust")).resolve(signer.getFileName()));
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Files.copy(testDriver, deploy.resolve(testDriver.getFileName()));
        Path inventory = Files.createDirectories(etc.resolve("urbis/inventory"));
        Files.writeString(inventory.resolve("bench.geojson"), inventory(devices, pollSeconds));
        return new Distribution(work, http);
    }

    /** Ten thousand devices spread over Phan Thiết, each with one FLOAT point that changes on every poll. */
    private static String inventory(int devices, int pollSeconds) {
        StringBuilder b = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
        int side = (int) Math.ceil(Math.sqrt(devices));
        for (int i = 0; i < devices; i++) {
            double lat = 10.90 + 0.06 * (i / side) / side;
            double lon = 108.06 + 0.08 * (i % side) / side;
            b.append(String.format(
                    Locale.ROOT,
                    "{\"type\": \"Feature\", \"id\": \"%s\", \"geometry\": {\"type\": \"Point\", "
                            + "\"coordinates\": [%.6f, %.6f]}, \"properties\": {\"class\": \"test\", \"driver\": \"test\", "
                            + "\"address\": \"bench:%d\", \"tags\": {\"zone\": \"Z%d\"}, \"pollInterval\": %d, "
                            + "\"points\": [{\"name\": \"level\", \"type\": \"FLOAT\", \"access\": \"READ\", \"deadband\": 0}]}}%s%n",
                    deviceId(i),
                    lon,
                    lat,
                    i,
                    i % 100,
                    pollSeconds,
                    i + 1 < devices ? "," : ""));
        }
        return b.append("]}\n").toString();
    }

    static String deviceId(int i) {
        return String.format(Locale.ROOT, "BENCH-%05d", i);
    }

    void start(Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_MAX_MEM", "2g");
        process = pb.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until {@code path} answers 200 with a body for which {@code ready} holds. */
    void awaitReady(HttpClient http, String path, java.util.function.Predicate<String> ready, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the runtime exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(base().resolve(path))
                                .header("Authorization", basicAuth())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && ready.test(r.body())) {
                    return;
                }
                last = r.statusCode() + " "
                        + r.body().substring(0, Math.min(200, r.body().length()));
            } catch (IOException e) {
                last = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException(path + " not ready within " + timeout + ": " + last);
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time used so far by the runtime's processes (the launcher and its JVM). */
    Duration cpu() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Waits until the runtime has settled: its start-up warm-up of the command path has finished (its thread is
     * gone) and the JIT compiler threads have used less than {@code compilerShare} of one core over a whole
     * {@code window}, so that neither overlaps a measurement. Read from the JVM's threads in /proc.
     *
     * @return what was waited for, for the results
     */
    String awaitSettled(double compilerShare, Duration window, Duration timeout) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Path tasks = Path.of("/proc", String.valueOf(jvm().pid()), "task");
        long compilerBefore = threadTicks(tasks, COMPILER_THREADS);
        long windowStart = System.nanoTime();
        while (true) {
            LockSupport.parkNanos(window.toNanos());
            long compilerNow = threadTicks(tasks, COMPILER_THREADS);
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            double share = (compilerNow - compilerBefore) / (double) CLOCK_TICKS / seconds;
            boolean warmingUp = threadTicks(tasks, WARM_UP_THREAD) >= 0;
            if (!warmingUp && share < compilerShare) {
                return String.format(
                        Locale.ROOT,
                        "settled after %.1f s: command-path warm-up finished, JIT compiler threads "
                                + "at %.1f%% of a core over the last %d s",
                        (System.nanoTime() - start) / 1e9,
                        share * 100,
                        window.toSeconds());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "the runtime did not settle within %s: warm-up %s, "
                                + "JIT compiler threads at %.1f%% of a core",
                        timeout,
                        warmingUp ? "still running" : "finished",
                        share * 100));
            }
            compilerBefore = compilerNow;
            windowStart = System.nanoTime();
        }
    }

    /** The JVM of the runtime: the launcher script's java child, or the launcher itself once it exec'd java. */
    private ProcessHandle jvm() {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle());
    }

    /** CPU ticks (user and system) of the JVM's threads whose name matches, or -1 when there is none. */
    private static long threadTicks(Path tasks, Pattern name) throws IOException {
        long ticks = -1;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                try {
                    if (name.matcher(Files.readString(t.resolve("comm")).trim()).matches()) {
                        // the fields after the command's closing parenthesis; utime and stime are the 12th and 13th
                        String stat = Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks = Math.max(ticks, 0) + Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (NoSuchFileException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** Sets {@code key} in a .cfg file, replacing an earlier line of it. */
    private static void set(Path cfg, String key, String value) throws IOException {
        StringBuilder b = new StringBuilder();
        if (Files.exists(cfg)) {
            for (String line : Files.readAllLines(cfg)) {
                if (!line.trim().startsWith(key + " ") && !line.trim().startsWith(key + "=")) {
                    b.append(line).append('\n');
                }
            }
        }
        b.append(key).append(" = ").append(value).append('\n');
        Files.writeString(cfg, b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
        }
    }
}
