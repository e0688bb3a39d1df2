package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.urbis.api.command.CommandService;

/** The production distribution boots with the platform up: bundles active, core and control services registered, console commands there. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformBootIT extends UrbisTestSupport {

    @Configuration
    public Option[] config() {
        return containerOptions();
    }

    @Test
    public void everyUrbisBundleIsActive() throws Exception {
        awaitUrbisBundlesActive();
        Map<String, Bundle> bundles = urbisBundles();
        assertTrue(
                "platform bundles " + PLATFORM_BUNDLES + " among " + bundles.keySet(),
                bundles.keySet().containsAll(PLATFORM_BUNDLES));
        bundles.forEach((bsn, b) -> assertEquals(bsn + " state", "ACTIVE", stateName(b.getState())));
    }

    @Test
    public void coreServicesAreRegistered() throws Exception {
        awaitUrbisBundlesActive();
        for (Class<?> type : CORE_SERVICES) {
            Bundle provider = awaitService(type, TIMEOUT).getBundle();
            assertEquals(type.getSimpleName() + " provider", "urbis-core", provider.getSymbolicName());
        }
    }

    @Test
    public void commandPipelineIsRegistered() throws Exception {
        awaitUrbisBundlesActive();
        Bundle provider = awaitService(CommandService.class, TIMEOUT).getBundle();
        assertEquals("CommandService provider", "urbis-control", provider.getSymbolicName());
    }

    @Test
    public void historyIsKept() throws Exception {
        awaitUrbisBundlesActive();
        Bundle provider =
                awaitService(org.urbis.api.history.History.class, TIMEOUT).getBundle();
        assertEquals("History provider", "urbis-history", provider.getSymbolicName());
    }

    @Test
    public void consoleHasTheUrbisCommands() throws Exception {
        awaitUrbisBundlesActive();
        awaitService(org.urbis.api.runtime.DeviceRegistry.class, TIMEOUT);
        List<String> expected = List.of(
                "urbis:audit",
                "urbis:command",
                "urbis:device",
                "urbis:devices",
                "urbis:history",
                "urbis:inventory-reload",
                "urbis:sun");
        await("the urbis:* commands", TIMEOUT, () -> {
            try {
                Set<String> present = registeredCommands("ada", List.of("admin"));
                return present.containsAll(expected) ? null : "registered: " + present;
            } catch (Exception e) {
                return e.toString();
            }
        });

        String output = runAs("vera", List.of("viewer"), "urbis:devices");
        assertTrue("urbis:devices prints a table with an ID column: " + output, output.contains("ID"));
    }
}
