package org.urbis.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.urbis.testing.Await;

/**
 * A city of three districts: three Urbis runtimes that share nothing but a three-node RabbitMQ cluster,
 * and the operations centre as a Sparkplug B primary host. The steps run in order on one city: every
 * district's births and data reach the host; a command reaches only the district that owns the device
 * and comes back confirmed; a broker node killed with SIGKILL while data flows loses no reading, and the
 * districts on it fail over to a surviving node; a district's runtime killed with SIGKILL is dead for
 * the host, and once restarted births again and sends what it had kept, flagged historical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Path WORK = Path.of(System.getProperty("urbis.scaleout.work", "target"));
    private static final Path PROGRESS = WORK.resolve("scale-out/progress.log");
    private static final String HOST = "ioc";
    private static final Duration DELIVERY = Duration.ofMinutes(3);

    private final int luminaires = Integer.getInteger("urbis.scaleout.luminaires", 2);
    private final int reporters = Integer.getInteger("urbis.scaleout.reporters", 2);
    private final int rate = Integer.getInteger("urbis.scaleout.rate", 5);
    private RabbitCluster cluster;
    private OperationsCentre host;
    private final List<District> districts = new ArrayList<>();

    @BeforeAll
    void startCity() throws Exception {
        RabbitCluster.assumeInstalled();
        Path demo = Path.of(System.getProperty("urbis.scaleout.demo"));
        Path work = Files.createDirectories(WORK.resolve("scale-out"));
        Files.deleteIfExists(PROGRESS);
        progress("starting the cluster and the districts");
        cluster = new RabbitCluster(work.resolve("rabbitmq"), 3);
        for (int n = 1; n <= 3; n++) {
            // each district starts its broker list at another node, as a city spreads its connections
            districts.add(new District(
                    demo, work.resolve("district-" + n), n, cluster.urls(n), HOST, luminaires, reporters, rate));
        }
        // All at once: a district keeps trying its brokers while the cluster forms, and one Karaf boot takes
        // minutes on a loaded machine.
        List<Callable<Void>> parts = new ArrayList<>();
        parts.add(() -> {
            cluster.form();
            progress("cluster up: " + cluster.nodes());
            host = new OperationsCentre("city", HOST, cluster.urls(1));
            return null;
        });
        for (District d : districts) {
            parts.add(() -> {
                d.start();
                progress(d.nodeId + " up");
                return null;
            });
        }
        all(parts);
        progress("city up");
    }

    /** Runs the parts together and waits for all of them, failing with the first that failed. */
    private static void all(List<Callable<Void>> parts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parts.size()));
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (Callable<Void> part : parts) {
                running.add(pool.submit(part));
            }
            Exception first = null;
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = more(first, e.getCause() instanceof Exception c ? c : e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first failure, with the next one added to it (or the next one when it is the first). */
    private static Exception more(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** A line in target/scale-out/progress.log as each step goes, readable while the test runs. */
    static void progress(String line) {
        String stamped = java.time.Instant.now() + " " + line + System.lineSeparator();
        System.out.print(stamped);
        try {
            Files.writeString(
                    PROGRESS,
                    stamped,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the progress log is a convenience; stdout has the same
        }
    }

    @BeforeEach
    void announce(TestInfo step) {
        progress(step.getDisplayName());
    }

    @AfterEach
    void everyMessageReadable() {
        assertEquals(List.of(), host.problems(), "messages the host could not read");
    }

    /** Stops everything it started, each part whatever happened to the others; the districts together. */
    @AfterAll
    void stopCity() throws Exception {
        List<Callable<Void>> parts = new ArrayList<>();
        for (District d : districts) {
            parts.add(() -> {
                d.close();
                return null;
            });
        }
        Exception first = null;
        try {
            all(parts);
        } catch (Exception e) {
            first = e;
        }
        for (AutoCloseable part : java.util.Arrays.asList(host, cluster)) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                first = more(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Test
    @Order(1)
    void theHostSeesEveryDistrictsBirthsAndData() throws Exception {
        for (District d : districts) {
            Await.until(d.nodeId + "'s NBIRTH", DELIVERY, () -> host.messages("NBIRTH", d.nodeId, null) > 0);
            Await.until(
                    "a DBIRTH of each of " + d.nodeId + "'s " + (luminaires + reporters) + " luminaires",
                    DELIVERY,
                    () -> host.bornDevices(d.nodeId).size() >= luminaires + reporters,
                    () -> "born: " + host.bornDevices(d.nodeId));
            // besides its luminaires, a runtime may report its own platform alarms' sources (such as notify)
            assertTrue(
                    host.bornDevices(d.nodeId).stream()
                            .noneMatch(id -> id.startsWith("SL-D") && !id.startsWith("SL-D" + d.number + "-")),
                    d.nodeId + " gave birth to another district's device: " + host.bornDevices(d.nodeId));
            d.startReporting();
        }
        for (District d : districts) {
            for (String device : d.reporters()) {
                Await.until(
                        "readings of " + device + " at the host",
                        DELIVERY,
                        () -> readings(d, device).size() >= 5);
            }
        }
    }

    @Test
    @Order(2)
    void aCommandReachesOnlyTheDistrictOwningTheDeviceAndComesBackConfirmed() throws Exception {
        District owner = districts.get(1);
        String device = String.format("SL-D%d-001", owner.number);
        int resultsBefore = host.metricsNamed("Command Result/").size();
        host.command(owner.nodeId, device, "dim", MetricDataType.Double, 40.0);
        Await.until(
                "CONFIRMED for dim of " + device,
                DELIVERY,
                () -> host.metrics(owner.nodeId, device, "Command Result/dim").stream()
                        .anyMatch(r -> String.valueOf(r.value()).startsWith("CONFIRMED")),
                () -> "results: " + host.metricsNamed("Command Result/"));
        Await.until(
                "the new dim of " + device,
                DELIVERY,
                () -> host.metrics(owner.nodeId, device, "dim").stream()
                        .anyMatch(r -> Double.valueOf(40.0).equals(r.value())));
        List<OperationsCentre.Received> results = host.metricsNamed("Command Result/");
        assertEquals(
                List.of(),
                results.subList(resultsBefore, results.size()).stream()
                        .filter(r ->
                                !r.node().equals(owner.nodeId) || !r.device().equals(device))
                        .toList(),
                "only " + owner.nodeId + " answers a command for " + device);
    }

    @Test
    @Order(3)
    void aBrokerNodeKilledWhileDataFlowsLosesNoReading() throws Exception {
        RabbitCluster.Node victim = cluster.node(1); // district-1's first broker, and the host's
        District onVictim = districts.get(0);
        long birthsBefore = host.messages("NBIRTH", onVictim.nodeId, null);
        awaitReadings(20);
        progress("kill -9 of " + victim);
        victim.kill();
        Await.until(
                onVictim.nodeId + " to birth again on a surviving node",
                DELIVERY,
                () -> host.messages("NBIRTH", onVictim.nodeId, null) > birthsBefore);
        awaitReadings(20); // and data flows again, everywhere
        for (District d : districts) {
            d.stopReporting();
        }
        Tally tally = new Tally();
        for (District d : districts) {
            for (String device : d.reporters()) {
                long last = d.sent(device);
                Await.until(
                        "reading " + last + " of " + device + " at the host",
                        DELIVERY,
                        () -> readings(d, device).contains((double) last));
                tally.add(d.nodeId + '/' + device, readings(d, device), last, Set.of());
            }
        }
        Files.writeString(WORK.resolve("scale-out/broker-kill.txt"), tally.report() + "\n");
        System.out.println("Broker node killed: " + tally.report());
        assertEquals(List.of(), tally.problems(), tally.report());
    }

    @Test
    @Order(4)
    void aKilledRuntimeIsDeadForTheHostAndOnceRestartedSendsWhatItKept() throws Exception {
        District victim = districts.get(2);
        List<String> devices = host.bornDevices(victim.nodeId);
        for (District d : districts) {
            d.startReporting();
        }
        awaitReadings(10);
        long deathsBefore = host.messages("NDEATH", victim.nodeId, null);
        progress("kill -9 of " + victim.nodeId + "'s runtime");
        victim.kill();
        Await.until(
                victim.nodeId + "'s NDEATH (its MQTT Will)",
                DELIVERY,
                () -> host.messages("NDEATH", victim.nodeId, null) > deathsBefore);
        assertEquals(
                List.of(),
                devices.stream().filter(id -> host.online(victim.nodeId, id)).toList(),
                "devices of " + victim.nodeId + " still online at the host after its NDEATH");
        victim.stopReporting();
        Map<String, Long> sentBeforeKill = new HashMap<>();
        victim.reporters().forEach(id -> sentBeforeKill.put(id, victim.sent(id)));

        // The host stops listening: the runtimes end their sessions and keep what they accept.
        // counted before: both deaths may well arrive while the first is awaited
        Map<District, Long> deaths = new HashMap<>();
        districts.subList(0, 2).forEach(d -> deaths.put(d, host.messages("NDEATH", d.nodeId, null)));
        progress("the host goes offline");
        host.state(false);
        for (District d : districts.subList(0, 2)) {
            Await.until(
                    d.nodeId + "'s NDEATH once the host is offline",
                    DELIVERY,
                    () -> host.messages("NDEATH", d.nodeId, null) > deaths.get(d));
        }
        progress("restarting " + victim.nodeId + " while the host is offline");
        int offlineFrom = host.received();
        victim.start();
        victim.startReporting();
        String first = victim.reporters().get(0);
        long awayFrom = sentBeforeKill.get(first);
        Await.until(
                "20 readings accepted by the restarted " + victim.nodeId,
                DELIVERY,
                () -> victim.sent(first) >= awayFrom + 20);
        victim.stopReporting();
        Map<String, Long> sentWhileAway = new HashMap<>();
        victim.reporters().forEach(id -> sentWhileAway.put(id, victim.sent(id)));
        assertEquals(
                List.of(),
                host.since(offlineFrom).stream()
                        .filter(r -> r.type().endsWith("DATA") || r.type().endsWith("BIRTH"))
                        .toList(),
                "births or data while the primary host was offline");

        progress("the host comes back online");
        host.state(true);
        Await.until(
                victim.nodeId + "'s devices to birth again",
                DELIVERY,
                () -> devices.stream().allMatch(id -> host.online(victim.nodeId, id)));
        for (District d : districts.subList(0, 2)) {
            d.stopReporting();
        }
        Tally tally = new Tally();
        List<String> notHistorical = new ArrayList<>();
        for (District d : districts) {
            for (String device : d.reporters()) {
                long last = d.sent(device);
                Await.until(
                        "reading " + last + " of " + device + " at the host",
                        DELIVERY,
                        () -> readings(d, device).contains((double) last));
                if (d != victim) {
                    tally.add(d.nodeId + '/' + device, readings(d, device), last, Set.of());
                    continue;
                }
                // What the runtime had not yet taken from its luminaires' broker when it was killed went with it.
                Set<Double> seen = new HashSet<>(readings(d, device));
                Set<Double> diedWithRuntime = new HashSet<>();
                for (double v = sentBeforeKill.get(device); v > 0 && !seen.contains(v); v--) {
                    diedWithRuntime.add(v);
                }
                tally.add(d.nodeId + '/' + device, readings(d, device), last, diedWithRuntime);
                tally.diedWithRuntime += diedWithRuntime.size();
                // Readings taken while the host was away come as history (the last few may have raced the births).
                long surelyBeforeBirth = (sentBeforeKill.get(device) + sentWhileAway.get(device)) / 2;
                reported(d, device)
                        .filter(r -> ((Number) r.value()).longValue() > sentBeforeKill.get(device))
                        .filter(r -> ((Number) r.value()).longValue() <= surelyBeforeBirth && !r.historical())
                        .forEach(r -> notHistorical.add(device + "=" + r.value()));
            }
        }
        Files.writeString(WORK.resolve("scale-out/runtime-kill.txt"), tally.report() + "\n");
        System.out.println("Runtime killed: " + tally.report());
        assertEquals(List.of(), tally.problems(), tally.report());
        assertEquals(
                List.of(), notHistorical, "readings kept while the host was offline, sent without the historical flag");
    }

    private void awaitReadings(int more) {
        progress("awaiting " + more + " more readings of every reporting luminaire");
        // counted for all of them first: they report at the same time
        Map<String, Integer> counted = new HashMap<>();
        for (District d : districts) {
            for (String device : d.reporters()) {
                counted.put(device, readings(d, device).size());
            }
        }
        for (District d : districts) {
            for (String device : d.reporters()) {
                int now = counted.get(device);
                Await.until(
                        more + " more readings of " + device,
                        DELIVERY,
                        () -> readings(d, device).size() >= now + more,
                        () -> "(sent " + d.sent(device) + ", " + d.reportFailures() + ")");
            }
        }
    }

    /** The kWh readings of a luminaire the test reports for, as the host got them, in arrival order. */
    private List<Double> readings(District d, String device) {
        return reported(d, device).map(r -> ((Number) r.value()).doubleValue()).toList();
    }

    /**
     * The energy metrics of a device's DDATA: its readings. A DBIRTH carries the current value, or none
     * (null) before the first reading, which is no reading of its own.
     */
    private java.util.stream.Stream<OperationsCentre.Received> reported(District d, String device) {
        return host.metrics(d.nodeId, device, "energy").stream()
                .filter(r -> r.type().equals("DDATA") && r.value() instanceof Number);
    }

    /** Per device: readings missing between the first one the host got and the last one sent, repeats, and order. */
    static final class Tally {
        private long delivered;
        private long duplicates;
        private long missing;
        /** Readings a killed runtime had been sent but not yet taken into its telemetry store. */
        long diedWithRuntime;

        private final List<String> problems = new ArrayList<>();

        /** Adds a device's readings in arrival order; {@code excused} are readings it may lack. */
        void add(String device, List<Double> readings, long last, Set<Double> excused) {
            Set<Double> seen = new HashSet<>();
            double previous = Double.NEGATIVE_INFINITY;
            for (double v : readings) {
                if (!seen.add(v)) {
                    duplicates++;
                    continue;
                }
                if (v < previous) {
                    problems.add(device + ": " + v + " came after " + previous);
                }
                previous = v;
            }
            double first = readings.get(0);
            long gaps = 0;
            for (double v = first; v <= last; v++) {
                if (!seen.contains(v) && !excused.contains(v)) {
                    gaps++;
                }
            }
            if (gaps > 0) {
                problems.add(
                        device + ": " + gaps + " of the readings " + (long) first + ".." + last + " never arrived");
            }
            missing += gaps;
            delivered += seen.size();
        }

        List<String> problems() {
            return problems;
        }

        String report() {
            return delivered + " distinct readings delivered, " + missing + " lost, " + duplicates + " duplicates"
                    + (diedWithRuntime == 0 ? "" : ", " + diedWithRuntime + " not yet taken by the killed runtime")
                    + (problems.isEmpty() ? "" : "; " + problems);
        }
    }
}
