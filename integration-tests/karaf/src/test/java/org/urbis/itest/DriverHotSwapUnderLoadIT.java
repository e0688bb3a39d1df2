package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * A driver is updated to its next release, then removed and installed again, while its devices
 * are polled every second and commands flow to them: every value a driver session produced and
 * the platform accepted is delivered to a lossless subscriber (counted per device), every command
 * ends in a final state, and no other bundle is stopped, started, updated or refreshed.
 *
 * <p>The test driver's FLOAT point reads 1, 2, 3, ... in each session, so a lost value is a hole in
 * what a device delivered, and a session ends with the STALE copy of its last accepted value when
 * its driver leaves. The gap each swap leaves in a device's polling is printed; timing on a
 * loaded build machine is measured, not asserted (benchmarks/hotswap measures it at full size).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverHotSwapUnderLoadIT extends UrbisTestSupport {

    /** A CI-sized load: this many devices of driver "test", each polled every second. */
    private static final int DEVICES = 100;

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /** The counting point of the test driver, and the point commands write. */
    private static final String COUNTER = "level";

    private static final String SWITCH = "on";

    /** Reads every device must deliver in each phase before the next step. */
    private static final int READS_PER_PHASE = 4;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(withTestInventory(inventory())));
        options.add(systemProperty("urbis.it.driverVariants").value(required("urbis.it.driverVariants")));
        return containerOptions(options.toArray(new Option[0]));
    }

    /** The level values each device delivered, in order: GOOD ones as their counter, STALE ones negated. */
    private final Map<String, List<Long>> delivered = new ConcurrentHashMap<>();
    /** When each GOOD level value was read, per device, in the same order (epoch ms). */
    private final Map<String, List<Long>> readAt = new ConcurrentHashMap<>();

    private final List<String> foreignBundleEvents = Collections.synchronizedList(new ArrayList<>());
    private final SynchronousBundleListener listener = this::recordBundleEvent;
    private final List<CompletableFuture<CommandResult>> commands = Collections.synchronizedList(new ArrayList<>());

    private Map<Long, String> bundlesBefore;
    private DeviceRegistry registry;
    private Subscription subscription;
    private ScheduledExecutorService commandFlow;

    @Before
    public void platformUp() throws Exception {
        awaitUrbisBundlesActive();
        awaitFrameworkSettled();
        registry = service(DeviceRegistry.class);
        await(
                "the test devices to be DRIVER_MISSING",
                TIMEOUT,
                () -> allHave(registry, devices(), HealthStatus.DRIVER_MISSING));
    }

    @After
    public void stop() {
        bundleContext.removeBundleListener(listener);
        if (commandFlow != null) {
            commandFlow.shutdownNow();
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    @Test
    public void aDriverUpdatedAndReinstalledUnderLoadLosesNoValueNorCommandAndMovesNothingElse() throws Exception {
        subscription = service(EventStream.class)
                .subscribe(
                        "hot-swap-under-load",
                        this::record,
                        SubscriptionOptions.lossless().only(ValueChanged.class));
        Map<String, Long> servicesBefore = platformServiceIds();
        bundlesBefore = bundleStates();
        bundleContext.addBundleListener(listener);

        Bundle driver = bundleContext.installBundle(driverUrl());
        driver.start();
        await("every device ONLINE", TIMEOUT, () -> allHave(registry, devices(), HealthStatus.ONLINE));
        startCommands(service(CommandService.class));
        awaitReads("the first session", 1);

        // Updated in place to the next release (what bundle:update and a driver deployment do).
        try (InputStream next = new FileInputStream(variant("urbis-test-driver-0.1.1.jar"))) {
            driver.update(next);
        }
        awaitReads("the session after the update", 2);

        // Removed, then installed again.
        driver.uninstall();
        await("every device DRIVER_MISSING", TIMEOUT, () -> allHave(registry, devices(), HealthStatus.DRIVER_MISSING));
        Instant reinstalled = Instant.now();
        Bundle again = bundleContext.installBundle(driverUrl());
        again.start();
        awaitReads("the session after the reinstall", 3);

        commandFlow.shutdown();
        assertTrue("the command flow stopped", commandFlow.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        await("every command to end", TIMEOUT, this::commandsNotEnded);
        await("the subscriber to catch up with the registry", TIMEOUT, this::deliveredBehindRegistry);

        // Every accepted value delivered: per device, sessions 1..n without a hole, each one closed by its last value.
        List<String> holes = new ArrayList<>();
        List<Long> updateGaps = new ArrayList<>();
        List<Long> reinstallWaits = new ArrayList<>();
        long baselineGap = 0;
        long values = 0;
        for (String id : devices()) {
            List<Long> seen = List.copyOf(delivered.get(id));
            List<Long> at = List.copyOf(readAt.get(id));
            holes.addAll(holesIn(id, seen));
            values += seen.stream().filter(v -> v > 0).count();
            List<Integer> firsts = sessionStarts(seen);
            if (firsts.size() == 3) {
                // Indices into the GOOD values (at): session s starts at firsts.get(s) - s (the STALE entries before
                // it).
                int update = firsts.get(1) - 1;
                int reinstall = firsts.get(2) - 2;
                for (int i = 1; i < update; i++) {
                    baselineGap = Math.max(baselineGap, at.get(i) - at.get(i - 1) - INTERVAL.toMillis());
                }
                updateGaps.add(at.get(update) - at.get(update - 1) - INTERVAL.toMillis());
                reinstallWaits.add(at.get(reinstall) - reinstalled.toEpochMilli());
            }
        }
        Map<CommandState, Integer> ended = commandCounts();
        System.out.printf(
                Locale.ROOT,
                "Hot swap under load: %d devices polled every %d s; %d values delivered, %d lost; "
                        + "baseline largest gap beyond the interval %d ms; update gap beyond the interval p50 %d ms, max %d ms; "
                        + "first value after the reinstall p50 %d ms, max %d ms; commands %s%n",
                DEVICES,
                INTERVAL.toSeconds(),
                values,
                holes.size(),
                baselineGap,
                pct(updateGaps, 50),
                pct(updateGaps, 100),
                pct(reinstallWaits, 50),
                pct(reinstallWaits, 100),
                ended);

        assertEquals("values lost (holes in a session, or a session not closed by its last value)", List.of(), holes);
        assertEquals("devices that saw three driver sessions", DEVICES, updateGaps.size());
        int sent = commands.size();
        assertEquals(
                "commands that ended in a final state, of " + sent + ": " + ended,
                sent,
                ended.entrySet().stream()
                        .filter(e -> e.getKey().isFinal())
                        .mapToInt(Map.Entry::getValue)
                        .sum());
        assertTrue(
                "commands confirmed while the driver was in: " + ended,
                ended.getOrDefault(CommandState.CONFIRMED, 0) > 0);
        List<String> refusals = new ArrayList<>();
        synchronized (commands) {
            commands.stream()
                    .map(CompletableFuture::join)
                    .filter(r -> r.state() == CommandState.REJECTED)
                    .map(CommandResult::reason)
                    .filter(r -> !r.startsWith("DRIVER_MISSING"))
                    .forEach(refusals::add);
        }
        assertEquals("commands refused for another reason than a missing driver", List.of(), refusals);

        // Nothing else moved.
        assertEquals("events of other bundles", List.of(), new ArrayList<>(foreignBundleEvents));
        assertEquals("other bundles (id, name, state, last modified)", bundlesBefore, bundleStates());
        assertEquals("service.id of the platform services", servicesBefore, platformServiceIds());
    }

    // ---- the load ----

    private void record(List<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            ValueChanged change = (ValueChanged) e;
            Value v = change.value();
            if (!COUNTER.equals(v.point()) || !(v.value() instanceof Number n)) {
                continue;
            }
            if (v.quality() == Quality.GOOD) {
                delivered
                        .computeIfAbsent(change.deviceId(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(n.longValue());
                readAt.computeIfAbsent(change.deviceId(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(v.timestamp().toEpochMilli());
            } else if (v.reason() == QualityReason.STALE) {
                delivered
                        .computeIfAbsent(change.deviceId(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(-n.longValue());
            }
        }
    }

    /** Commands flow all along: every 100 ms one to the next device in turn, as the scheduler would send them. */
    private void startCommands(CommandService service) {
        AtomicInteger next = new AtomicInteger();
        commandFlow = Executors.newSingleThreadScheduledExecutor();
        commandFlow.scheduleAtFixedRate(
                () -> {
                    String target = device(next.getAndIncrement() % DEVICES);
                    Command c = new Command(
                            UUID.randomUUID().toString(),
                            target,
                            SWITCH,
                            true,
                            "scheduler",
                            "hot swap under load",
                            Instant.now().plusSeconds(60),
                            Command.Operation.DIRECT);
                    commands.add(service.submit(c).toCompletableFuture());
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    /** Waits until every device has delivered {@link #READS_PER_PHASE} values in its {@code session}th driver session. */
    private void awaitReads(String what, int session) throws InterruptedException {
        await(READS_PER_PHASE + " reads of every device in " + what, TIMEOUT, () -> {
            List<String> behind = new ArrayList<>();
            for (String id : devices()) {
                List<Long> seen = delivered.getOrDefault(id, List.of());
                List<Long> copy;
                synchronized (seen) {
                    copy = List.copyOf(seen);
                }
                List<Integer> starts = sessionStarts(copy);
                if (starts.size() < session || copy.get(copy.size() - 1) < READS_PER_PHASE || starts.size() > session) {
                    behind.add(id + " " + (copy.size() > 8 ? copy.subList(copy.size() - 8, copy.size()) : copy));
                }
            }
            return behind.isEmpty()
                    ? null
                    : behind.size() + " behind, e.g. " + behind.subList(0, Math.min(5, behind.size()));
        });
    }

    /** Where each driver session's values start: at every delivered 1. */
    private static List<Integer> sessionStarts(List<Long> seen) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) == 1) {
                starts.add(i);
            }
        }
        return starts;
    }

    /** What a device's deliveries lack: each session is 1, 2, ..., k and, unless it is the last, the STALE k. */
    private static List<String> holesIn(String id, List<Long> seen) {
        List<String> holes = new ArrayList<>();
        long expected = 1;
        for (int i = 0; i < seen.size(); i++) {
            long v = seen.get(i);
            if (v < 0) {
                if (-v != expected - 1) {
                    holes.add(id + ": the session ended STALE at " + -v + " but delivered up to " + (expected - 1));
                }
                expected = 1;
            } else if (v != expected) {
                holes.add(id + ": delivered " + v + " where " + expected + " was due (at " + i + " of " + seen + ")");
                expected = v + 1;
            } else {
                expected++;
            }
        }
        return holes;
    }

    private String commandsNotEnded() {
        long open;
        synchronized (commands) {
            open = commands.stream().filter(f -> !f.isDone()).count();
        }
        return open == 0 ? null : open + " of " + commands.size() + " commands not ended";
    }

    private Map<CommandState, Integer> commandCounts() {
        Map<CommandState, Integer> counts = new EnumMap<>(CommandState.class);
        synchronized (commands) {
            for (CompletableFuture<CommandResult> f : commands) {
                counts.merge(f.join().state(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Null once every device's last delivered value is the one the registry holds. */
    private String deliveredBehindRegistry() {
        List<String> behind = new ArrayList<>();
        for (String id : devices()) {
            Value now = registry.snapshot(id).orElseThrow().values().get(COUNTER);
            List<Long> seen = delivered.get(id);
            long last;
            synchronized (seen) {
                last = seen.get(seen.size() - 1);
            }
            if (now == null || !(now.value() instanceof Number n) || n.longValue() != last) {
                behind.add(id + " registry " + now + ", delivered " + last);
            }
        }
        return behind.isEmpty() ? null : behind.toString();
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    // ---- what must not move ----

    /** Id, name, state and last-modified time of every bundle but the test driver. */
    private Map<Long, String> bundleStates() {
        Map<Long, String> states = new TreeMap<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (!TEST_DRIVER_BSN.equals(b.getSymbolicName())) {
                states.put(
                        b.getBundleId(),
                        b.getSymbolicName() + " " + stateName(b.getState()) + ", modified " + b.getLastModified());
            }
        }
        return states;
    }

    /** Records what happens to a bundle that was there before the driver came; the driver's own events do not count. */
    private void recordBundleEvent(BundleEvent event) {
        Bundle b = event.getBundle();
        if (TEST_DRIVER_BSN.equals(b.getSymbolicName()) || !bundlesBefore.containsKey(b.getBundleId())) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.STARTED,
                    BundleEvent.STOPPED,
                    BundleEvent.RESOLVED,
                    BundleEvent.UNRESOLVED,
                    BundleEvent.UPDATED ->
                foreignBundleEvents.add(event.getType() + " " + b.getSymbolicName() + " [" + b.getBundleId() + "]");
            default -> {
                // installing, starting, stopping: a change shows in one of the above
            }
        }
    }

    // ---- the devices and the driver ----

    private static String device(int i) {
        return String.format(Locale.ROOT, "HL-%03d", i + 1);
    }

    private static List<String> devices() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            ids.add(device(i));
        }
        return ids;
    }

    private static String driverUrl() {
        File jar = new File(required("urbis.it.testDriver"));
        assertTrue("test driver bundle at " + jar + " (build integration-tests/test-driver first)", jar.isFile());
        return jar.toURI().toString();
    }

    private static File variant(String name) {
        File jar = new File(required("urbis.it.driverVariants"), name);
        assertTrue(jar + " (made by the driver-variants step of this module's build)", jar.isFile());
        return jar;
    }

    /** The inventory: {@link #DEVICES} streetlights of driver "test", a counter and a switch each, polled every second. */
    private static File inventory() {
        StringBuilder json = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
        for (int i = 0; i < DEVICES; i++) {
            json.append(String.format(
                    Locale.ROOT,
                    "%s{\"type\": \"Feature\", \"id\": \"%s\", "
                            + "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%.5f, 10.93]}, \"properties\": {"
                            + "\"class\": \"streetlight\", \"driver\": \"test\", \"address\": \"test://%s\", "
                            + "\"tags\": {\"street\": \"Load street\", \"zone\": \"HL\", \"cabinet\": \"HL-CAB-%d\"}, \"points\": ["
                            + "{\"name\": \"%s\", \"type\": \"FLOAT\", \"unit\": \"%%\", \"access\": \"READ\", \"min\": 0, \"deadband\": 0, \"address\": \"level\"}, "
                            + "{\"name\": \"%s\", \"type\": \"BOOLEAN\", \"unit\": \"\", \"access\": \"READ_WRITE\", \"deadband\": 0, \"address\": \"on\"}], "
                            + "\"pollInterval\": %d}}%n",
                    i == 0 ? "" : ",",
                    device(i),
                    108.1 + i * 0.0001,
                    device(i),
                    i / 20 + 1,
                    COUNTER,
                    SWITCH,
                    INTERVAL.toSeconds()));
        }
        json.append("]}\n");
        return inventoryFile("hotswap-load.geojson", json);
    }
}
