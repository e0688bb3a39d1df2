package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * A driver bundle comes and goes at runtime: its devices go DRIVER_MISSING with STALE values and
 * come back ONLINE on their own, and nothing else in the platform is stopped, restarted,
 * refreshed or re-registered meanwhile.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverHotSwapIT extends UrbisTestSupport {

    /** The devices of hotswap.geojson, all of driver "test". */
    private static final List<String> DEVICES = List.of("HS-001", "HS-002", "HS-003", "HS-004", "HS-005");

    /** Their points. */
    private static final String FLOAT_POINT = "level";

    private static final String BOOLEAN_POINT = "on";

    @Configuration
    public Option[] config() {
        return containerOptions(withTestDevices());
    }

    private final List<String> foreignBundleEvents = Collections.synchronizedList(new ArrayList<>());
    private final SynchronousBundleListener listener = this::recordBundleEvent;
    private DeviceRegistry registry;

    @Before
    public void platformUp() throws Exception {
        awaitUrbisBundlesActive();
        awaitFrameworkSettled();
        registry = service(DeviceRegistry.class);
    }

    @After
    public void stopListening() {
        bundleContext.removeBundleListener(listener);
    }

    @Test
    public void devicesFollowTheirDriverAndNothingElseMoves() throws Exception {
        String driverUrl = testDriverUrl();

        // The inventory is loaded; without their driver the devices are DRIVER_MISSING.
        await("the test devices to be DRIVER_MISSING", TIMEOUT, () -> allHave(HealthStatus.DRIVER_MISSING));

        // What must not change while the driver comes and goes.
        Map<String, String> bundlesBefore = platformBundleStates();
        Map<String, Long> servicesBefore = platformServiceIds();
        bundleContext.addBundleListener(listener);

        // Driver installed: the devices come online on their own, with GOOD values.
        Bundle driver = bundleContext.installBundle(driverUrl);
        driver.start();
        await("the test devices to be ONLINE with GOOD values", TIMEOUT, () -> onlineWithGoodValuesSince(null));

        // Polling goes on: every device is read again.
        await("a second read of every test device", TIMEOUT, () -> readAtLeast(2));

        Map<String, Value> lastGood = new HashMap<>();
        for (String id : DEVICES) {
            lastGood.put(id, snapshot(id).values().get(FLOAT_POINT));
        }

        // Driver removed: DRIVER_MISSING, the last values kept but marked STALE.
        driver.uninstall();
        Instant removed = Instant.now();
        await(
                "the test devices to be DRIVER_MISSING with STALE values",
                TIMEOUT,
                () -> driverMissingWithStaleValues(removed));
        for (String id : DEVICES) {
            Value stale = snapshot(id).values().get(FLOAT_POINT);
            double before = ((Number) lastGood.get(id).value()).doubleValue();
            double after = ((Number) stale.value()).doubleValue();
            assertTrue(
                    id + ": the stale value " + after + " is the last one read, not older than " + before,
                    after >= before);
            assertEquals(
                    id + ": the BOOLEAN value is kept",
                    Boolean.TRUE,
                    snapshot(id).values().get(BOOLEAN_POINT).value());
        }

        // Driver back: ONLINE again with fresh GOOD values.
        Instant reinstalled = Instant.now();
        Bundle again = bundleContext.installBundle(driverUrl);
        again.start();
        await(
                "the test devices to be ONLINE again with fresh GOOD values",
                TIMEOUT,
                () -> onlineWithGoodValuesSince(reinstalled));

        // Nothing else moved.
        assertEquals("bundle events of other bundles", List.of(), new ArrayList<>(foreignBundleEvents));
        assertEquals("Urbis bundles (state, last modified)", bundlesBefore, platformBundleStates());
        assertEquals("service.id of the platform services", servicesBefore, platformServiceIds());
    }

    private static String testDriverUrl() {
        File jar = new File(required("urbis.it.testDriver"));
        assertTrue("test driver bundle at " + jar + " (build integration-tests/test-driver first)", jar.isFile());
        return jar.toURI().toString();
    }

    /** Records what happens to a platform bundle; the test driver's events and those of the test framework's bundles do not count. */
    private void recordBundleEvent(BundleEvent event) {
        Bundle b = event.getBundle();
        String bsn = b.getSymbolicName();
        if (bsn == null || !bsn.startsWith("urbis") || TEST_DRIVER_BSN.equals(bsn)) {
            return;
        }
        String type;
        switch (event.getType()) {
            case BundleEvent.STARTED:
                type = "STARTED";
                break;
            case BundleEvent.STOPPED:
                type = "STOPPED";
                break;
            case BundleEvent.RESOLVED:
                type = "RESOLVED";
                break;
            case BundleEvent.UNRESOLVED:
                type = "UNRESOLVED";
                break;
            case BundleEvent.UPDATED:
                type = "UPDATED";
                break;
            default:
                return;
        }
        foreignBundleEvents.add(type + " " + b.getSymbolicName() + " [" + b.getBundleId() + "]");
    }

    /** State and last-modified time of every Urbis bundle but the test driver. */
    private Map<String, String> platformBundleStates() {
        Map<String, String> states = new TreeMap<>();
        urbisBundles().forEach((bsn, b) -> {
            if (!TEST_DRIVER_BSN.equals(bsn)) {
                states.put(
                        bsn,
                        "id " + b.getBundleId() + ", " + stateName(b.getState()) + ", modified " + b.getLastModified());
            }
        });
        return states;
    }

    private DeviceSnapshot snapshot(String id) {
        Optional<DeviceSnapshot> s = registry.snapshot(id);
        assertTrue("device " + id + " is in the registry", s.isPresent());
        return s.get();
    }

    private String allHave(HealthStatus status) {
        return allHave(registry, DEVICES, status);
    }

    /** Null when every test device is ONLINE with GOOD values read after {@code since} (if given). */
    private String onlineWithGoodValuesSince(Instant since) {
        String status = allHave(HealthStatus.ONLINE);
        if (status != null) {
            return status;
        }
        List<String> wrong = new ArrayList<>();
        for (String id : DEVICES) {
            Map<String, Value> values = registry.snapshot(id).orElseThrow().values();
            Value level = values.get(FLOAT_POINT);
            Value on = values.get(BOOLEAN_POINT);
            if (level == null || level.quality() != Quality.GOOD || !(level.value() instanceof Double)) {
                wrong.add(id + " " + FLOAT_POINT + "=" + level);
            } else if (on == null || on.quality() != Quality.GOOD || !Boolean.TRUE.equals(on.value())) {
                wrong.add(id + " " + BOOLEAN_POINT + "=" + on);
            } else if (since != null && level.timestamp().isBefore(since)) {
                wrong.add(id + " " + FLOAT_POINT + " not read since " + since + ": " + level);
            }
        }
        return wrong.isEmpty() ? null : wrong.toString();
    }

    /** Null when the FLOAT point of every test device has counted at least {@code reads} reads. */
    private String readAtLeast(double reads) {
        List<String> wrong = new ArrayList<>();
        for (String id : DEVICES) {
            Value level = registry.snapshot(id).orElseThrow().values().get(FLOAT_POINT);
            if (level == null || !(level.value() instanceof Number n) || n.doubleValue() < reads) {
                wrong.add(id + " " + FLOAT_POINT + "=" + level);
            }
        }
        return wrong.isEmpty() ? null : wrong.toString();
    }

    /** Null when every test device is DRIVER_MISSING and its values are kept, UNCERTAIN / STALE. */
    private String driverMissingWithStaleValues(Instant removed) {
        String status = allHave(HealthStatus.DRIVER_MISSING);
        if (status != null) {
            return status;
        }
        List<String> wrong = new ArrayList<>();
        for (String id : DEVICES) {
            Map<String, Value> values = registry.snapshot(id).orElseThrow().values();
            for (String point : List.of(FLOAT_POINT, BOOLEAN_POINT)) {
                Value v = values.get(point);
                if (v == null
                        || !v.hasValue()
                        || v.quality() != Quality.UNCERTAIN
                        || v.reason() != QualityReason.STALE
                        || v.timestamp().isAfter(removed)) {
                    wrong.add(id + " " + point + "=" + v);
                }
            }
        }
        return wrong.isEmpty() ? null : wrong.toString();
    }
}
