package org.urbis.itest;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.urbis.api.runtime.DeviceRegistry;

/**
 * The production profile serves HTTPS only; without the site's keystore nothing can answer, and the
 * platform alarm rest/HTTPS_KEYSTORE says why.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpsKeystoreIT extends UrbisTestSupport {

    @Configuration
    public Option[] config() {
        // The production profile's HTTP settings, which the other tests swap for plain HTTP, with a free port.
        return containerOptions(
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.enabled", "false"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "true"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure", freePort()));
    }

    @Test
    public void aMissingKeystoreRaisesACriticalPlatformAlarm() throws Exception {
        awaitUrbisBundlesActive();
        DeviceRegistry registry = service(DeviceRegistry.class);
        await(
                "the HTTPS_KEYSTORE alarm",
                TIMEOUT,
                () -> registry.activeAlarms().stream()
                                .anyMatch(a -> a.deviceId().equals("rest")
                                        && a.type().equals("HTTPS_KEYSTORE")
                                        && a.severity().name().equals("CRITICAL")
                                        && a.message().contains("urbis-https.p12"))
                        ? null
                        : "active alarms: " + registry.activeAlarms());
    }
}
