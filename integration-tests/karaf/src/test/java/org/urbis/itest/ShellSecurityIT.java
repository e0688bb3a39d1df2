package org.urbis.itest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The production distribution's console is closed by default: each role runs the commands of its
 * job and no more, and a vendor deploys driver features and nothing else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellSecurityIT extends UrbisTestSupport {

    private static final List<String> VIEWER = List.of("viewer");
    private static final List<String> MAINTENANCE = List.of("maintenance");
    private static final List<String> OPERATOR = List.of("operator");
    private static final List<String> VENDOR = List.of("vendor");
    private static final List<String> ADMIN = List.of("admin");

    @Configuration
    public Option[] config() {
        return containerOptions();
    }

    @Test
    public void aViewerLooksButCannotCommand() throws Exception {
        awaitConsole();
        String devices = runAs("vera", VIEWER, "urbis:devices");
        assertTrue(devices, !refused(devices) && devices.contains("ID"));
        assertRefused(runAs("vera", VIEWER, "urbis:command SL-1 dim 40"));
        assertRefused(runAs("vera", VIEWER, "urbis:audit"));
    }

    @Test
    public void theConsoleTakesNegativeCoordinates() throws Exception {
        awaitConsole();
        String sun = runAs("vera", VIEWER, "urbis:sun -0.18 -78.47 2026-01-01 America/Guayaquil");
        assertTrue(
                sun,
                Pattern.compile("sunrise 2026-01-01T06:\\d\\d:\\d\\d-05:00")
                        .matcher(sun)
                        .find());
    }

    @Test
    public void maintenanceReadsTheAuditAndAcknowledgesButLeavesSchedulesAlone() throws Exception {
        awaitConsole();
        assertAllowed(runAs("max", MAINTENANCE, "urbis:audit"));
        assertAllowed(runAs("max", MAINTENANCE, "urbis:alarm-ack SL-1 LAMP_FAILURE"));
        assertRefused(runAs("max", MAINTENANCE, "urbis:schedule-remove night"));
        assertRefused(runAs("max", MAINTENANCE, "urbis:command SL-1 dim 40"));
        String set = runAs("max", MAINTENANCE, "urbis:maintenance-set --until PT1H --reason rewiring NO-SUCH-DEVICE");
        assertAllowed(set);
        assertTrue("the window is checked, not the role: " + set, set.contains("no device 'NO-SUCH-DEVICE'"));
        assertAllowed(runAs("max", MAINTENANCE, "urbis:maintenance"));
    }

    @Test
    public void everyoneListsMaintenanceButOnlyTheMaintenanceRoleSetsIt() throws Exception {
        awaitConsole();
        assertAllowed(runAs("vera", VIEWER, "urbis:maintenance"));
        assertRefused(runAs("vera", VIEWER, "urbis:maintenance-set --until PT1H --reason x NO-SUCH-DEVICE"));
        assertRefused(runAs("otto", OPERATOR, "urbis:maintenance-clear NO-SUCH-DEVICE"));
        String cleared = runAs("ada", ADMIN, "urbis:maintenance-clear NO-SUCH-DEVICE");
        assertAllowed(cleared);
        assertTrue(cleared, cleared.contains("NO-SUCH-DEVICE was not in maintenance"));
    }

    @Test
    public void anOperatorCommandsThroughThePipelineButDoesNotReloadTheInventory() throws Exception {
        awaitConsole();
        String out = runAs("otto", OPERATOR, "urbis:command SL-1 dim 40");
        assertAllowed(out);
        assertTrue("the pipeline, not the console, refuses the unknown device: " + out, out.contains("UNKNOWN_DEVICE"));
        assertRefused(runAs("otto", OPERATOR, "urbis:inventory-reload"));
        assertRefused(runAs("otto", OPERATOR, "feature:install urbis-driver-streetlight"));
        assertAllowed(runAs("ada", ADMIN, "urbis:inventory-reload"));
    }

    @Test
    public void aVendorDeploysDriverFeaturesAndNothingElse() throws Exception {
        awaitConsole();
        assertRefused(runAs("vic", VENDOR, "feature:install scr"));
        assertRefused(runAs("vic", VENDOR, "feature:install urbis-driver-streetlight urbis-telemetry"));
        assertRefused(runAs("vic", VENDOR, "urbis:command SL-1 dim 40"));

        assertAllowed(runAs("vic", VENDOR, "feature:install urbis-driver-streetlight"));
        await("the street-lighting driver ACTIVE", TIMEOUT, () -> {
            Bundle b = urbisBundles().get("urbis-driver-streetlight");
            return b != null && b.getState() == Bundle.ACTIVE
                    ? null
                    : "driver bundle " + (b == null ? "absent" : stateName(b.getState()));
        });
        assertAllowed(runAs("vic", VENDOR, "feature:uninstall urbis-driver-streetlight"));
        await(
                "the street-lighting driver gone",
                TIMEOUT,
                () -> urbisBundles().containsKey("urbis-driver-streetlight") ? "still installed" : null);
    }

    /** Every command the tests run is registered: a refusal then means the roles, never a command not there yet. */
    private void awaitConsole() throws Exception {
        awaitUrbisBundlesActive();
        List<String> used = List.of(
                "urbis:devices",
                "urbis:sun",
                "urbis:command",
                "urbis:audit",
                "urbis:alarm-ack",
                "urbis:schedule-remove",
                "urbis:inventory-reload",
                "urbis:maintenance",
                "urbis:maintenance-set",
                "urbis:maintenance-clear",
                "feature:install",
                "feature:uninstall");
        awaitCommands("ada", ADMIN, used);
    }

    private static void assertRefused(String output) {
        assertTrue("refused by the console: " + output, refused(output));
    }

    private static void assertAllowed(String output) {
        assertFalse("let through by the console: " + output, refused(output));
    }
}
