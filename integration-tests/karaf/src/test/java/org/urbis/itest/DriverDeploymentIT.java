package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.urbis.api.audit.AuditEntry;
import org.urbis.api.audit.AuditQuery;
import org.urbis.api.audit.AuditTrail;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;

/**
 * A vendor deploys a driver to the production profile as the driver guide says: the signed
 * bundle is verified, installed and its devices come ONLINE; a newer release replaces it and is
 * rolled back; an unsigned copy of the same bundle is refused with a clear error, an alarm and an
 * audit record, whether it comes through urbis:driver-deploy or a plain bundle install.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverDeploymentIT extends UrbisTestSupport {

    /** The devices of hotswap.geojson, all of driver "test". */
    private static final List<String> DEVICES = List.of("HS-001", "HS-002", "HS-003", "HS-004", "HS-005");

    private static final List<String> VENDOR = List.of("vendor", "viewer", "ssh");

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(withTestDevices()));
        options.add(systemProperty("urbis.it.driverVariants").value(required("urbis.it.driverVariants")));
        return containerOptions(options.toArray(new Option[0]));
    }

    private DeviceRegistry registry;

    @Before
    public void platformUp() throws Exception {
        awaitUrbisBundlesActive();
        awaitFrameworkSettled();
        registry = service(DeviceRegistry.class);
        await("the test devices to be DRIVER_MISSING", TIMEOUT, () -> allHave(HealthStatus.DRIVER_MISSING));
        // a viewer's refusal looks like a missing command: the command must be there before it is refused
        awaitCommands("vendor", VENDOR, List.of("urbis:driver-deploy"));
    }

    @Test
    public void aVendorDeploysASignedDriverRollsItBackAndAnUnsignedCopyIsRefused() throws Exception {
        Instant start = Instant.now();
        String signed = new File(required("urbis.it.testDriver")).toURI().toString();
        String unsigned = variant("urbis-test-driver-unsigned.jar");
        String next = variant("urbis-test-driver-0.1.1.jar");

        // Not every user may deploy.
        assertTrue(
                "a viewer may not deploy",
                refused(runAs("viewer", List.of("viewer", "ssh"), "urbis:driver-deploy " + signed)));

        // The unsigned copy: refused with a clear error naming the bundle and why, an alarm, nothing installed.
        String out = runAs("vendor", VENDOR, "urbis:driver-deploy " + unsigned);
        assertTrue(
                out,
                out.contains("Driver NOT deployed: driver bundle urbis-test-driver 0.1.0.SNAPSHOT refused: unsigned"));
        assertFalse("no test driver installed after the refusal", testDriver().isPresent());
        await(
                "the UNTRUSTED_BUNDLE alarm",
                TIMEOUT,
                () -> untrustedAlarm().isPresent() ? null : "not raised: " + registry.activeAlarms());
        assertTrue(
                untrustedAlarm().get().message(),
                untrustedAlarm().get().message().contains("urbis-test-driver"));
        assertEquals("the devices stay without a driver", null, allHave(HealthStatus.DRIVER_MISSING));

        // The same copy installed around the deployment command does not resolve either.
        Bundle sneaked = bundleContext.installBundle(unsigned);
        try {
            sneaked.start();
            fail("an unsigned bundle installed after boot started");
        } catch (BundleException expected) {
            assertEquals("the unsigned bundle is not resolved", Bundle.INSTALLED, sneaked.getState());
        } finally {
            sneaked.uninstall();
        }

        // The signed bundle: verified, installed, its devices ONLINE.
        out = runAs("vendor", VENDOR, "urbis:driver-deploy " + signed);
        assertTrue(out, out.contains("Deployed urbis-test-driver 0.1.0.SNAPSHOT (signed by Urbis demo driver signer)"));
        await("the test devices to be ONLINE", TIMEOUT, () -> allHave(HealthStatus.ONLINE));

        // The next release replaces it; the one before stays ready for a rollback.
        out = runAs("vendor", VENDOR, "urbis:driver-deploy " + next);
        assertTrue(
                out,
                out.contains("Deployed urbis-test-driver 0.1.1") && out.contains("puts back version 0.1.0.SNAPSHOT"));
        assertEquals("0.1.1", testDriver().orElseThrow().getVersion().toString());
        await("the test devices to be ONLINE with 0.1.1", TIMEOUT, () -> allHave(HealthStatus.ONLINE));

        out = runAs("vendor", VENDOR, "urbis:drivers");
        assertTrue(
                out,
                out.matches(
                        "(?s).*urbis-test-driver\\s+0\\.1\\.1\\s+ACTIVE\\s+signed by Urbis demo driver signer\\s+test\\s+5 HS-001.*"));

        // Rolled back.
        out = runAs("vendor", VENDOR, "urbis:driver-rollback test");
        assertTrue(out, out.contains("Rolled back to urbis-test-driver 0.1.0.SNAPSHOT"));
        assertEquals("0.1.0.SNAPSHOT", testDriver().orElseThrow().getVersion().toString());
        await("the test devices to be ONLINE after the rollback", TIMEOUT, () -> allHave(HealthStatus.ONLINE));

        // Every step is in the audit log, under the vendor's name.
        List<String> events = new ArrayList<>();
        for (AuditEntry e : service(AuditTrail.class).query(new AuditQuery(null, null, start, null, 1000))) {
            if (e.line().contains("urbis-test-driver")) {
                events.add(e.issuer() + " " + e.event());
            }
        }
        List<String> expected = List.of(
                "vendor DRIVER_RECEIVED",
                "vendor BUNDLE_REFUSED",
                "vendor DRIVER_RECEIVED",
                "vendor DRIVER_VERIFIED",
                "vendor DRIVER_STARTED",
                "vendor DEVICES_ATTACHED",
                "vendor DRIVER_RECEIVED",
                "vendor DRIVER_VERIFIED",
                "vendor DRIVER_STARTED",
                "vendor DEVICES_ATTACHED",
                "vendor DRIVER_ROLLBACK",
                "vendor DRIVER_VERIFIED",
                "vendor DRIVER_ROLLED_BACK",
                "vendor DEVICES_ATTACHED");
        List<String> ofVendor =
                events.stream().filter(e -> e.startsWith("vendor ")).toList();
        assertEquals("the vendor's audit records: " + events, expected, ofVendor);
        assertTrue(
                "the plain install's refusal is audited too: " + events,
                events.stream().filter(e -> e.endsWith(" BUNDLE_REFUSED")).count() == 2);
    }

    private static String variant(String name) {
        File jar = new File(required("urbis.it.driverVariants"), name);
        assertTrue(jar + " (made by the driver-variants step of this module's build)", jar.isFile());
        return jar.toURI().toString();
    }

    private Optional<Bundle> testDriver() {
        return Optional.ofNullable(urbisBundles().get(TEST_DRIVER_BSN));
    }

    private Optional<Alarm> untrustedAlarm() {
        return registry.activeAlarms().stream()
                .filter(a -> a.deviceId().equals("drivers") && a.type().equals("UNTRUSTED_BUNDLE"))
                .findFirst();
    }

    private String allHave(HealthStatus status) {
        return allHave(registry, DEVICES, status);
    }
}
