package org.urbis.itest;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.urbis.api.command.CommandService;
import org.urbis.api.event.EventStream;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.Inventory;

/**
 * What every test in the Urbis distribution shares: the container options, and waiting for a
 * condition by polling it against a deadline.
 *
 * <p>The container is this build's {@code karaf-assembly/target/*.tar.gz} (production profile),
 * on free ports, resolving Maven artifacts through the local repository of this build.
 */
public abstract class UrbisTestSupport {

    /** How long a condition of the platform may take to come true. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Longer, for the first boot of the container on a slow machine. */
    protected static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    /** The interval at which a condition is re-checked. */
    private static final long POLL_INTERVAL_MILLIS = 100;

    /** The services the core registers. */
    protected static final List<Class<?>> CORE_SERVICES =
            List.of(DeviceRegistry.class, EventStream.class, DeviceIO.class, Inventory.class);

    /** Symbolic name of the test driver bundle, which is not part of the platform. */
    protected static final String TEST_DRIVER_BSN = "urbis-test-driver";

    /** The Urbis bundles the distribution boots. */
    protected static final List<String> PLATFORM_BUNDLES = List.of(
            "urbis-api",
            "urbis-astro",
            "urbis-control",
            "urbis-core",
            "urbis-history",
            "urbis-notify",
            "urbis-rest",
            "urbis-shell",
            "urbis-trust");

    /** The system property that tells the container's tests the HTTP port their container listens on. */
    private static final String HTTP_PORT = "urbis.it.httpPort";

    @Inject
    protected BundleContext bundleContext;

    /** The options of an Urbis container, followed by {@code extra}. */
    protected static Option[] containerOptions(Option... extra) {
        File assembly = new File(required("urbis.it.assembly"));
        if (!assembly.isFile()) {
            throw new IllegalStateException("no distribution at " + assembly + ": build karaf-assembly first");
        }
        String mavenRepo =
                System.getProperty("urbis.it.mavenRepo", System.getProperty("user.home") + "/.m2/repository");
        String karafVersion = required("urbis.it.karafVersion");
        String httpPort = freePort();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(assembly.toURI().toString())
                        .karafVersion(karafVersion)
                        .name("Urbis")
                        .unpackDirectory(new File(System.getProperty("urbis.it.work", "target/exam")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                // What bin/karaf passes on Java 9+ and Pax Exam's launcher leaves out: without it Karaf's
                // spec activator fails to load its locator (NoClassDefFoundError: OsgiLocator).
                vmOptions(
                        "--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module",
                        "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                        "--patch-module",
                        "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
                logLevel(LogLevel.INFO),
                // Free ports, so that test containers (and a running demo) never collide.
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                // Plain HTTP on a free port: the production profile's HTTPS needs the site's keystore.
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.enabled", "true"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "false"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                systemProperty(HTTP_PORT).value(httpPort),
                // The test site trusts the build key, which signs the test driver, as the demo does; the test
                // probe is installed after boot, unsigned, as "local": admitted by the trust policy.
                replaceConfigurationFile(
                        "etc/urbis/trust/urbis-demo-driver-signer.pem", new File(required("urbis.it.demoSigner"))),
                editConfigurationFilePut("etc/org.urbis.trust.cfg", "admittedLocations", "local"),
                // Resolve Pax Exam's own bundles through this build's local repository.
                editConfigurationFilePut(
                        "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", mavenRepo),
                editConfigurationFilePut(
                        "etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                systemProperty("urbis.it.testDriver").value(System.getProperty("urbis.it.testDriver", ""))));
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }

    /**
     * The options that put the test devices (hotswap.geojson: five devices of driver "test") in the
     * inventory, with their driver known but not installed.
     */
    protected static Option[] withTestDevices() {
        try {
            return withTestInventory(new File(UrbisTestSupport.class
                    .getResource("/inventory/hotswap.geojson")
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options that make {@code inventory} (devices of driver "test") the container's inventory file. */
    protected static Option[] withTestInventory(File inventory) {
        return new Option[] {
            editConfigurationFilePut(
                    "etc/org.urbis.core.cfg",
                    "inventory.knownDrivers",
                    "streetlight,water,gridmeter,parking,irrigation,test"),
            replaceConfigurationFile("etc/urbis/inventory/hotswap.geojson", inventory)
        };
    }

    /** Writes an inventory a test makes up (GeoJSON) to a file beside the container's, for {@link #withTestInventory}. */
    protected static File inventoryFile(String name, CharSequence geojson) {
        File file = new File(System.getProperty("urbis.it.work", "target/exam") + "-inventory", name);
        try {
            Files.createDirectories(file.getParentFile().toPath());
            Files.writeString(file.toPath(), geojson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The HTTP port of this container (the REST API's), as seen from a test running in it. */
    protected static int httpPort() {
        return Integer.parseInt(required(HTTP_PORT));
    }

    /** A TCP port free on this machine right now. */
    protected static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + property + " is not set (see the failsafe configuration)");
        }
        return value;
    }

    /**
     * Waits until {@code problem} returns {@code null}, re-checking it every 100 ms, and fails with
     * the last problem it reported when {@code timeout} runs out.
     *
     * @param problem what is still missing, or {@code null} when the condition holds
     */
    protected static void await(String what, Duration timeout, Supplier<String> problem) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = problem.get();
        while (last != null) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what + ": " + last);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MILLIS);
            last = problem.get();
        }
    }

    /** Bundles whose symbolic name starts with {@code urbis}, by symbolic name. */
    protected Map<String, Bundle> urbisBundles() {
        Map<String, Bundle> bundles = new TreeMap<>();
        for (Bundle b : bundleContext.getBundles()) {
            String bsn = b.getSymbolicName();
            if (bsn != null && bsn.startsWith("urbis")) {
                bundles.put(bsn, b);
            }
        }
        return bundles;
    }

    /** Waits until the platform bundles are installed and every Urbis bundle is ACTIVE. */
    protected void awaitUrbisBundlesActive() throws InterruptedException {
        await("every Urbis bundle to be ACTIVE", BOOT_TIMEOUT, () -> {
            Map<String, Bundle> bundles = urbisBundles();
            List<String> missing = new ArrayList<>(PLATFORM_BUNDLES);
            missing.removeAll(bundles.keySet());
            if (!missing.isEmpty()) {
                return "not installed: " + missing;
            }
            Map<String, String> notActive = new LinkedHashMap<>();
            bundles.forEach((bsn, b) -> {
                if (b.getState() != Bundle.ACTIVE) {
                    notActive.put(bsn, stateName(b.getState()));
                }
            });
            return notActive.isEmpty() ? null : "not active: " + notActive;
        });
    }

    /**
     * Waits until the framework has settled after its boot: it has reached its beginning start
     * level and no bundle is starting or stopping any more (Pax Exam's own bundles start late on a
     * loaded machine, while a test may already be listening).
     */
    protected void awaitFrameworkSettled() throws InterruptedException {
        FrameworkStartLevel framework = bundleContext.getBundle(0).adapt(FrameworkStartLevel.class);
        String beginning = bundleContext.getProperty("org.osgi.framework.startlevel.beginning");
        int target = beginning == null || beginning.isBlank() ? 1 : Integer.parseInt(beginning.trim());
        await("the framework to settle", BOOT_TIMEOUT, () -> {
            if (framework.getStartLevel() < target) {
                return "start level " + framework.getStartLevel() + " of " + target;
            }
            List<String> moving = new ArrayList<>();
            for (Bundle b : bundleContext.getBundles()) {
                if (b.getState() == Bundle.STARTING || b.getState() == Bundle.STOPPING) {
                    moving.add(b.getSymbolicName() + " " + stateName(b.getState()));
                }
            }
            return moving.isEmpty() ? null : "still moving: " + moving;
        });
    }

    /** Null when every one of {@code devices} has the status, else who has not. */
    protected static String allHave(DeviceRegistry registry, List<String> devices, HealthStatus status) {
        List<String> wrong = new ArrayList<>();
        for (String id : devices) {
            Optional<DeviceSnapshot> s = registry.snapshot(id);
            if (s.isEmpty()) {
                wrong.add(id + " not in the registry " + registry.deviceIds());
            } else if (s.get().health().status() != status) {
                wrong.add(id + " " + s.get().health().status());
            }
        }
        return wrong.isEmpty() ? null : wrong.toString();
    }

    /** Waits for a service and returns its reference. */
    protected <T> ServiceReference<T> awaitService(Class<T> type, Duration timeout) throws InterruptedException {
        await(
                "service " + type.getName(),
                timeout,
                () -> bundleContext.getServiceReference(type) == null ? "not registered" : null);
        return bundleContext.getServiceReference(type);
    }

    /** Waits for a service and returns it. */
    protected <T> T service(Class<T> type) throws InterruptedException {
        ServiceReference<T> ref = awaitService(type, TIMEOUT);
        T service = bundleContext.getService(ref);
        if (service == null) {
            fail("service " + type.getName() + " went away");
        }
        return service;
    }

    /**
     * Runs a console command as {@code user} with {@code roles}, as an SSH login of that user would,
     * and returns what it printed, a failure included.
     */
    protected String runAs(String user, List<String> roles, String command) throws Exception {
        SessionFactory sessions = service(SessionFactory.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            asUser(user, roles, () -> {
                Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
                try {
                    session.execute(command);
                } catch (Exception e) {
                    out.println(e);
                } finally {
                    session.close();
                }
                return null;
            });
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Does {@code work} as {@code user} with {@code roles}: what the console lets it see and run depends on them. */
    protected static <T> T asUser(String user, List<String> roles, PrivilegedExceptionAction<T> work) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        roles.forEach(role -> subject.getPrincipals().add(new RolePrincipal(role)));
        try {
            return Subject.doAs(subject, work);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /** The console commands registered ({@code scope:name}), listed as a logged-in user: outside a login the list is empty. */
    protected Set<String> registeredCommands(String user, List<String> roles) throws Exception {
        SessionFactory sessions = service(SessionFactory.class);
        return asUser(user, roles, () -> {
            Set<String> visible = new TreeSet<>();
            for (org.apache.karaf.shell.api.console.Command c :
                    sessions.getRegistry().getCommands()) {
                visible.add(c.getScope() + ":" + c.getName());
            }
            return visible;
        });
    }

    /**
     * Waits until every console command of {@code scopedNames} is registered, as {@code user} sees them: Karaf
     * registers a bundle's commands after the bundle is active, and a command not there yet looks like a refusal.
     */
    protected void awaitCommands(String user, List<String> roles, List<String> scopedNames) throws Exception {
        await("console commands " + scopedNames, TIMEOUT, () -> {
            try {
                Set<String> present = registeredCommands(user, roles);
                List<String> missing =
                        scopedNames.stream().filter(c -> !present.contains(c)).toList();
                return missing.isEmpty() ? null : "missing: " + missing;
            } catch (Exception e) {
                return e.toString();
            }
        });
    }

    /** Whether a command's output is the console's refusal: hidden from the user, or insufficient credentials. */
    protected static boolean refused(String output) {
        return output.contains("Insufficient credentials") || output.contains("CommandNotFoundException");
    }

    /** The services of the platform: the core's and the command pipeline. */
    protected static final List<Class<?>> PLATFORM_SERVICES =
            List.of(DeviceRegistry.class, EventStream.class, DeviceIO.class, Inventory.class, CommandService.class);

    /**
     * The {@code service.id} of each platform service, by interface name. A component that is
     * deactivated and activated again registers its services anew, with new ids.
     */
    protected Map<String, Long> platformServiceIds() throws InterruptedException {
        Map<String, Long> ids = new TreeMap<>();
        for (Class<?> type : PLATFORM_SERVICES) {
            ServiceReference<?> ref = awaitService(type, TIMEOUT);
            ids.put(type.getName(), (Long) ref.getProperty(Constants.SERVICE_ID));
        }
        return ids;
    }

    protected static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED:
                return "UNINSTALLED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return "state " + state;
        }
    }
}
