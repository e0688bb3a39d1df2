package org.urbis.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.urbis.api.event.Alarm;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * What docs/driver-guide.md promises a vendor: a driver generated from the archetype, built and
 * signed as the guide says (the archetype module's test generates and builds it, signed with the
 * build key standing for the vendor's key, whose certificate this site trusts), deployed with
 * {@code urbis:driver-deploy} by a {@code vendor} user to the production distribution, brings its
 * devices ONLINE with the values they report; an unsigned copy of the same bundle is refused with
 * a clear error and an alarm, and nothing of it is installed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VendorDriverIT extends UrbisTestSupport {

    private static final String BSN = "acme-meter-driver";
    private static final List<String> DEVICES = List.of("AM-001", "AM-002", "AM-003");
    private static final List<String> VENDOR = List.of("vendor", "viewer", "ssh");
    private static final String DEVICE_PORT = "urbis.it.vendorDevicePort";

    /** What the vendor's devices answer, by point address (the archetype's profile). */
    private static final Map<String, String> READINGS = Map.of("energy", "1234.5", "power", "3.2", "relay", "true");

    @Configuration
    public Option[] config() {
        String port = freePort();
        return containerOptions(
                editConfigurationFilePut(
                        "etc/org.urbis.core.cfg",
                        "inventory.knownDrivers",
                        "streetlight,water,gridmeter,parking,irrigation,acme-meter"),
                replaceConfigurationFile("etc/urbis/inventory/acme.geojson", inventory(port)),
                systemProperty(DEVICE_PORT).value(port),
                systemProperty("urbis.it.vendorDriver").value(required("urbis.it.vendorDriver")),
                systemProperty("urbis.it.driverVariants").value(required("urbis.it.driverVariants")));
    }

    private DeviceRegistry registry;
    private ServerSocket devices;

    @Before
    public void platformUp() throws Exception {
        awaitUrbisBundlesActive();
        awaitFrameworkSettled();
        registry = service(DeviceRegistry.class);
        await(
                "the vendor's devices to be DRIVER_MISSING",
                TIMEOUT,
                () -> allHave(registry, DEVICES, HealthStatus.DRIVER_MISSING));
        devices = answerReads(Integer.parseInt(required(DEVICE_PORT)));
    }

    @After
    public void devicesOff() throws IOException {
        if (devices != null) {
            devices.close();
        }
    }

    @Test
    public void theArchetypesDriverSignedAndDeployedByTheVendorBringsItsDevicesOnlineAndAnUnsignedCopyIsRefused()
            throws Exception {
        String signed = jar(required("urbis.it.vendorDriver"));
        String unsigned = jar(required("urbis.it.driverVariants") + "/acme-meter-driver-unsigned.jar");

        // The unsigned copy: a clear error naming the bundle and why, an alarm, nothing installed.
        String out = runAs("vendor", VENDOR, "urbis:driver-deploy " + unsigned);
        assertTrue(
                out, out.contains("Driver NOT deployed: driver bundle " + BSN + " 1.0.0.SNAPSHOT refused: unsigned"));
        assertFalse(
                "nothing of the unsigned copy stays installed", vendorBundle().isPresent());
        await(
                "the UNTRUSTED_BUNDLE alarm naming the bundle",
                TIMEOUT,
                () -> untrustedAlarm().filter(a -> a.message().contains(BSN)).isPresent()
                        ? null
                        : "alarms: " + registry.activeAlarms());
        assertEquals(
                "the devices stay without a driver", null, allHave(registry, DEVICES, HealthStatus.DRIVER_MISSING));

        // The signed bundle: verified, installed, its devices ONLINE with what they report.
        out = runAs("vendor", VENDOR, "urbis:driver-deploy " + signed);
        assertTrue(out, out.contains("Deployed " + BSN + " 1.0.0.SNAPSHOT (signed by Urbis demo driver signer)"));
        assertEquals(Bundle.ACTIVE, vendorBundle().orElseThrow().getState());
        await("the vendor's devices ONLINE", TIMEOUT, () -> allHave(registry, DEVICES, HealthStatus.ONLINE));
        await("their readings, GOOD", TIMEOUT, this::readingsNotGood);
        Value power = registry.snapshot("AM-001").orElseThrow().values().get("power");
        assertEquals("power, times the profile's scale 1000", 3200.0, ((Number) power.value()).doubleValue(), 1e-9);

        out = runAs("vendor", VENDOR, "urbis:drivers");
        assertTrue(
                out,
                out.matches(
                        "(?s).*" + BSN
                                + "\\s+1\\.0\\.0\\.SNAPSHOT\\s+ACTIVE\\s+signed by Urbis demo driver signer\\s+acme-meter\\s+3 AM-001.*"));
    }

    /** Null when every point of every vendor device holds a GOOD value. */
    private String readingsNotGood() {
        for (String id : DEVICES) {
            Map<String, Value> values = registry.snapshot(id).orElseThrow().values();
            for (String point : List.of("energy", "power", "relay")) {
                Value v = values.get(point);
                if (v == null || v.quality() != Quality.GOOD) {
                    return id + " " + point + "=" + v;
                }
            }
        }
        return null;
    }

    private Optional<Bundle> vendorBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private Optional<Alarm> untrustedAlarm() {
        return registry.activeAlarms().stream()
                .filter(a -> a.deviceId().equals("drivers") && a.type().equals("UNTRUSTED_BUNDLE"))
                .findFirst();
    }

    private static String jar(String path) {
        File jar = new File(path);
        assertTrue(
                jar + " (the archetype's sample project, built by device-drivers/archetype's tests, and its "
                        + "unsigned copy made by this module's build)",
                jar.isFile());
        return jar.toURI().toString();
    }

    /**
     * The vendor's devices: the line protocol of the archetype's driver ({@code READ <address>}) on
     * one loopback port, each connection answered on a thread of its own.
     */
    private static ServerSocket answerReads(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket s = server.accept();
                            Thread t = new Thread(() -> answer(s), "acme-device");
                            t.setDaemon(true);
                            t.start();
                        } catch (IOException e) {
                            // closed at the end of the test
                        }
                    }
                },
                "acme-devices");
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    private static void answer(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] request = line.trim().split(" ");
                out.write((request.length == 2 && request[0].equals("READ")
                                ? READINGS.getOrDefault(request[1], "ERR unknown")
                                : "ERR")
                        + "\n");
                out.flush();
            }
        } catch (IOException e) {
            // the driver hung up
        }
    }

    /** Three meters of driver "acme-meter" on the devices' port, with the profile the driver bundle declares. */
    private static File inventory(String port) {
        StringBuilder json = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
        for (int i = 0; i < DEVICES.size(); i++) {
            json.append(String.format(
                    Locale.ROOT,
                    "%s{\"type\": \"Feature\", \"id\": \"%s\", "
                            + "\"geometry\": {\"type\": \"Point\", \"coordinates\": [108.1%d, 10.93]}, \"properties\": {"
                            + "\"class\": \"gridmeter\", \"driver\": \"acme-meter\", \"address\": \"127.0.0.1:%s\", \"profile\": \"acme-meter\", "
                            + "\"tags\": {\"zone\": \"AM\"}, \"pollInterval\": 1}}%n",
                    i == 0 ? "" : ",",
                    DEVICES.get(i),
                    i,
                    port));
        }
        json.append("]}\n");
        return inventoryFile("acme.geojson", json);
    }
}
