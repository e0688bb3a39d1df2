package org.urbis.itest;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The urbis-broker and urbis-telemetry features install in the distribution from its own system
 * repository: Paho, protobuf and Tahu resolve as bundles, the telemetry connects to the embedded
 * broker and urbis:telemetry reports it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TelemetryFeatureIT extends UrbisTestSupport {

    @Configuration
    public Option[] config() {
        String port = freePort();
        return containerOptions(
                editConfigurationFilePut("etc/org.urbis.broker.cfg", "host", "127.0.0.1"),
                editConfigurationFilePut("etc/org.urbis.broker.cfg", "port", port),
                editConfigurationFilePut("etc/org.urbis.telemetry.cfg", "broker.url", "tcp://127.0.0.1:" + port),
                editConfigurationFilePut("etc/org.urbis.telemetry.cfg", "group.id", "it"),
                editConfigurationFilePut("etc/org.urbis.telemetry.cfg", "node.id", "it-node"));
    }

    @Test
    public void telemetryConnectsToTheEmbeddedBrokerAndReportsItsState() throws Exception {
        awaitUrbisBundlesActive();
        FeaturesService features = service(FeaturesService.class);
        features.installFeatures(
                new java.util.LinkedHashSet<>(List.of("urbis-broker", "urbis-telemetry")),
                EnumSet.noneOf(FeaturesService.Option.class));

        await("Paho, protobuf, Tahu, telemetry and broker bundles ACTIVE", TIMEOUT, () -> {
            StringBuilder missing = new StringBuilder();
            for (String bsn : List.of(
                    "org.eclipse.paho.client.mqttv3",
                    "com.google.protobuf",
                    "org.eclipse.tahu.core",
                    "urbis-telemetry",
                    "urbis-broker")) {
                Bundle b = bundle(bsn);
                if (b == null || b.getState() != Bundle.ACTIVE) {
                    missing.append(bsn)
                            .append('=')
                            .append(b == null ? "absent" : stateName(b.getState()))
                            .append(' ');
                }
            }
            return missing.length() == 0 ? null : missing.toString();
        });

        String port = etc("org.urbis.broker.cfg").getProperty("port");
        await("urbis:telemetry to report the connection", TIMEOUT, () -> {
            String out = telemetry();
            return out.contains("CONNECTED to tcp://127.0.0.1:" + port) ? null : out;
        });
        String out = telemetry();
        assertTrue(out, out.contains("sparkplug, it/it-node"));
        assertTrue(out, out.contains("Buffer"));
    }

    private String telemetry() {
        try {
            return runAs("maria", List.of("maintenance"), "urbis:telemetry");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : bundleContext.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static Properties etc(String name) {
        Properties p = new Properties();
        try (InputStream in = new FileInputStream(new File(System.getProperty("karaf.etc"), name))) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }
}
