package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;

/**
 * The parking features install from the distribution's own repository; two bays fed by the simulated
 * network server on the embedded broker (a free port) come ONLINE with the driver's own profile, and
 * the public ParkAPI feed answers without login.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ParkingFeatureIT extends UrbisTestSupport {

    @Configuration
    public Option[] config() {
        String port = freePort();
        String broker = "tcp://127.0.0.1:" + port;
        return containerOptions(
                editConfigurationFilePut("etc/org.urbis.broker.cfg", "port", port),
                editConfigurationFilePut("etc/org.urbis.driver.parking.connection-it.cfg", "name", "it"),
                editConfigurationFilePut("etc/org.urbis.driver.parking.connection-it.cfg", "broker.url", broker),
                editConfigurationFilePut("etc/org.urbis.simulator.parking.cfg", "broker.url", broker),
                editConfigurationFilePut("etc/org.urbis.simulator.parking.cfg", "count", "2"),
                editConfigurationFilePut("etc/org.urbis.simulator.parking.cfg", "stepMillis", "300"));
    }

    @Test
    public void simulatedBaysComeOnlineAndThePublicFeedAnswers() throws Exception {
        awaitUrbisBundlesActive();
        service(FeaturesService.class)
                .installFeatures(
                        new LinkedHashSet<>(List.of(
                                "urbis-broker", "urbis-driver-parking", "urbis-parking", "urbis-simulator-parking")),
                        EnumSet.noneOf(FeaturesService.Option.class));
        File folder = new File(System.getProperty("karaf.etc"), "urbis/inventory");
        folder.mkdirs();
        Files.writeString(
                new File(folder, "parking-it.parking.json").toPath(),
                "{\"sites\": [{\"uid\": \"IT-STREET\", "
                        + "\"name\": \"Test street\", \"lat\": 10.93, \"lon\": 108.1, \"openingHours\": \"24/7\"}]}",
                StandardCharsets.UTF_8);
        StringBuilder features = new StringBuilder();
        for (int i = 1; i <= 2; i++) {
            features.append(i > 1 ? "," : "")
                    .append("{\"type\": \"Feature\", \"id\": \"PK-IT-")
                    .append(i)
                    .append(
                            "\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [108.1, 10.93]}, \"properties\": {")
                    .append("\"class\": \"parking\", \"driver\": \"parking\", \"address\": \"eui:70b3d57ed0051a0")
                    .append(i)
                    .append("\", \"profile\": \"parking-bay\", \"tags\": {\"parking-site\": \"IT-STREET\"}, ")
                    .append("\"options\": {\"model\": \"nwave-nps405\", \"connection\": \"it\"}}}");
        }
        Files.writeString(
                new File(folder, "parking-it.geojson").toPath(),
                "{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}",
                StandardCharsets.UTF_8);

        DeviceRegistry registry = service(DeviceRegistry.class);
        for (String id : List.of("PK-IT-1", "PK-IT-2")) {
            await(id + " ONLINE with its occupancy", TIMEOUT, () -> {
                DeviceSnapshot s = registry.snapshot(id).orElse(null);
                if (s == null) {
                    return "not in the inventory yet";
                }
                return s.health().status() == HealthStatus.ONLINE && s.values().containsKey("occupied")
                        ? null
                        : s.health() + " " + s.values().keySet();
            });
        }
        await("the public feed listing IT-STREET", TIMEOUT, () -> {
            try {
                HttpURLConnection c = (HttpURLConnection)
                        new URL("http://127.0.0.1:" + httpPort() + "/public/parking/v3/sites").openConnection();
                int status = c.getResponseCode();
                String body =
                        status == 200 ? new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
                return status == 200 && body.contains("\"uid\":\"IT-STREET\"") && body.contains("\"capacity\":2")
                        ? null
                        : status + " " + body;
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        HttpURLConnection post = (HttpURLConnection)
                new URL("http://127.0.0.1:" + httpPort() + "/public/parking/v3/sites").openConnection();
        post.setRequestMethod("POST");
        assertEquals(405, post.getResponseCode());
        assertTrue(registry.snapshot("PK-IT-1").orElseThrow().device().points().size() >= 9);
    }
}
