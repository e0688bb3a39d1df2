package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The production distribution boots with the platform up: bundles active, core services registered. */
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
        assertTrue("platform bundles " + PLATFORM_BUNDLES + " among " + bundles.keySet(),
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
}
