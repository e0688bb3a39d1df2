package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * A driver bundle carries its point profiles in {@code URBIS-INF/profiles}: installed, the devices
 * naming its profile get the profile's points and read them; removed, they keep those points, so
 * their last values stay (STALE) until it returns.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverProfilesIT extends UrbisTestSupport {

    @Configuration
    public Option[] config() throws URISyntaxException {
        File inventory = new File(DriverProfilesIT.class
                .getResource("/inventory/profiles.geojson")
                .toURI());
        return containerOptions(
                editConfigurationFilePut(
                        "etc/org.urbis.core.cfg",
                        "inventory.knownDrivers",
                        "streetlight,water,gridmeter,parking,irrigation,test"),
                replaceConfigurationFile("etc/urbis/inventory/profiles.geojson", inventory));
    }

    @Test
    public void devicesGetTheirProfileFromTheDriverBundle() throws Exception {
        awaitUrbisBundlesActive();
        DeviceRegistry registry = service(DeviceRegistry.class);
        Inventory inventory = service(Inventory.class);

        await(
                "the devices, waiting for their driver's profile",
                TIMEOUT,
                () -> expect(registry, "DP-001", List.of(), HealthStatus.DRIVER_MISSING));
        assertTrue(
                "the report says why: " + inventory.lastReport().warnings(),
                inventory.lastReport().warnings().stream()
                        .anyMatch(w -> w.message()
                                .contains("profile 'test-meter' is not known until driver 'test' is installed")));

        Bundle driver = bundleContext.installBundle(
                new File(required("urbis.it.testDriver")).toURI().toString());
        driver.start();
        await(
                "the profile's points, read",
                TIMEOUT,
                () -> expect(registry, "DP-001", List.of("reading", "ok"), HealthStatus.ONLINE));
        await(
                "the profile's points and the device's own",
                TIMEOUT,
                () -> expect(registry, "DP-002", List.of("reading", "ok", "extra"), HealthStatus.ONLINE));
        Value reading = registry.snapshot("DP-001").orElseThrow().values().get("reading");
        assertEquals(Quality.GOOD, reading.quality());

        driver.uninstall();
        await(
                "the points kept while the driver is away",
                TIMEOUT,
                () -> expect(registry, "DP-001", List.of("reading", "ok"), HealthStatus.DRIVER_MISSING));
        assertTrue(
                "the last reading stays",
                registry.snapshot("DP-001")
                        .orElseThrow()
                        .values()
                        .get("reading")
                        .hasValue());
    }

    /** Null when the device has these points and this status, else what it has. */
    private static String expect(DeviceRegistry registry, String id, List<String> points, HealthStatus status) {
        DeviceSnapshot s = registry.snapshot(id).orElse(null);
        if (s == null) {
            return id + " not in the registry " + registry.deviceIds();
        }
        List<String> names = new ArrayList<>();
        for (Point p : s.device().points()) {
            names.add(p.name());
        }
        return names.equals(points) && s.health().status() == status
                ? null
                : id + " " + names + " " + s.health().status();
    }
}
