package org.urbis.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.audit.AuditRecorder;
import org.urbis.api.deploy.DriverBundle;
import org.urbis.api.deploy.DriverDeployment;
import org.urbis.api.deploy.DriverRefusedException;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;

/**
 * Puts a vendor's driver bundle in place of the version that runs now: the bundle is installed
 * but not started, checked against the trust policy (refused and taken out again when its signer
 * is not trusted), then the old version is stopped and taken out, the new one started, and its
 * devices awaited. The jar is kept under the driver folder, and the location of the version it
 * replaced noted beside it, so that a rollback can put that one back the same way. Each step is
 * an audit record under the issuer's name.
 */
@Component(service = DriverDeployment.class, configurationPid = TrustConfig.PID)
public final class DriverDeployer implements DriverDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(DriverDeployer.class);

    /** The file, in each bundle's folder, listing the locations replaced, oldest first: "version location" per line. */
    private static final String HISTORY = "previous";

    private final BundleContext context;
    private final TrustPolicy trust;
    private final DeviceRegistry registry;
    private final AuditRecorder audit;
    private final Path folder;
    private final Duration attachWait;

    @Activate
    public DriverDeployer(
            BundleContext context,
            @Reference TrustPolicy trust,
            @Reference DeviceRegistry registry,
            @Reference AuditRecorder audit,
            TrustConfig config) {
        this.context = context;
        this.trust = trust;
        this.registry = registry;
        this.audit = audit;
        String data = System.getProperty("karaf.data", "data");
        this.folder = Path.of(
                config.driverFolder().isBlank()
                        ? Path.of(data, "urbis", "drivers").toString()
                        : config.driverFolder());
        this.attachWait = Duration.ofSeconds(config.attachSeconds());
    }

    @Override
    public DriverBundle deploy(URI source, String issuer) throws DriverRefusedException {
        try (InputStream in = source.toURL().openStream()) {
            return deploy(in, source.toString(), issuer);
        } catch (IOException | IllegalArgumentException e) {
            throw refusal("UNREADABLE", source.toString(), issuer, "cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized DriverBundle deploy(InputStream content, String name, String issuer)
            throws DriverRefusedException {
        Path staged = stage(content, name, issuer);
        Manifest manifest = manifest(staged, name, issuer);
        String bsn = symbolicName(manifest);
        String version = Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION))
                .toString();
        String subject = bsn + " " + version;
        record("DRIVER_RECEIVED", subject, issuer, "from " + name);
        Optional<Bundle> running = bundle(bsn);
        if (running.isPresent() && running.get().getVersion().toString().equals(version)) {
            delete(staged);
            throw refusal(
                    "ALREADY_DEPLOYED",
                    subject,
                    issuer,
                    "version " + version + " of " + bsn + " already runs: give the new build a version of its own",
                    null);
        }
        // A name of its own per deployment: a refused copy must never overwrite the jar a rollback returns to.
        Path kept = folder.resolve(bsn).resolve(bsn + "-" + version + "-" + System.currentTimeMillis() + ".jar");
        try {
            Files.createDirectories(kept.getParent());
            Files.move(staged, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            delete(staged);
            throw refusal("NOT_STORED", subject, issuer, "cannot keep " + kept + ": " + e.getMessage(), e);
        }
        Bundle fresh;
        try {
            fresh = replace(running, kept.toUri().toString(), subject, issuer, "DRIVER_STARTED");
        } catch (DriverRefusedException e) {
            delete(kept);
            throw e;
        }
        if (running.isPresent()) {
            remember(bsn, running.get());
        }
        return view(fresh);
    }

    @Override
    public synchronized DriverBundle rollback(String driver, String issuer) throws DriverRefusedException {
        Bundle current = bundleOfDriver(driver)
                .orElseThrow(() -> refusal(
                        "NO_SUCH_DRIVER",
                        driver,
                        issuer,
                        "no bundle named " + driver + " or registering driver " + driver + " is installed",
                        null));
        String bsn = current.getSymbolicName();
        List<String> history = history(bsn);
        if (history.isEmpty()) {
            throw refusal(
                    "NO_PREVIOUS_VERSION",
                    bsn + " " + current.getVersion(),
                    issuer,
                    "no version of " + bsn + " before " + current.getVersion() + " is known: nothing to roll back to",
                    null);
        }
        String[] last = history.get(history.size() - 1).split(" ", 2);
        String subject = bsn + " " + last[0];
        record("DRIVER_ROLLBACK", bsn + " " + current.getVersion(), issuer, "back to " + last[0] + " from " + last[1]);
        Bundle restored = replace(Optional.of(current), last[1], subject, issuer, "DRIVER_ROLLED_BACK");
        writeHistory(bsn, history.subList(0, history.size() - 1));
        return view(restored);
    }

    @Override
    public List<DriverBundle> drivers() {
        Map<String, DriverBundle> drivers = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            List<String> ids = driverIds(b);
            if (!ids.isEmpty()) {
                drivers.put(b.getSymbolicName(), view(b));
            }
        }
        return List.copyOf(drivers.values());
    }

    /**
     * Installs {@code location}, verifies it, and only then stops and takes out {@code old} and
     * starts the new bundle; a refused or failing new bundle leaves {@code old} running.
     */
    private Bundle replace(Optional<Bundle> old, String location, String subject, String issuer, String startedEvent)
            throws DriverRefusedException {
        Bundle fresh;
        try {
            fresh = context.installBundle(location);
        } catch (BundleException e) {
            throw refusal("NOT_INSTALLED", subject, issuer, "cannot install " + location + ": " + e.getMessage(), e);
        }
        Verdict v = trust.verdict(fresh);
        if (!v.trusted()) {
            trust.refuse(fresh, v, issuer);
            uninstallQuietly(fresh);
            throw new DriverRefusedException(
                    "UNTRUSTED_BUNDLE",
                    "driver bundle " + subject + " refused: " + v.trust() + " (signer: " + v.signer()
                            + "); nothing was changed");
        }
        record("DRIVER_VERIFIED", subject, issuer, v.trust());
        if (old.isPresent()) {
            try {
                takeOut(old.get());
            } catch (DriverRefusedException e) {
                uninstallQuietly(fresh);
                throw e;
            }
        }
        try {
            fresh.start();
        } catch (BundleException | IllegalStateException e) {
            uninstallQuietly(fresh);
            String restored = old.map(b -> restore(b.getLocation())).orElse("");
            throw refusal(
                    "NOT_STARTED", subject, issuer, "cannot start " + subject + ": " + e.getMessage() + restored, e);
        }
        record(startedEvent, subject, issuer, "bundle " + fresh.getBundleId() + " from " + location);
        List<String> ids = awaitDrivers(fresh);
        List<String> missing = awaitDevices(ids);
        List<String> devices = devicesOf(ids);
        if (missing.isEmpty()) {
            record(
                    "DEVICES_ATTACHED",
                    subject,
                    issuer,
                    devices.size() + " device(s) of driver(s) " + ids + ": " + devices);
        } else {
            record(
                    "DEVICES_NOT_ATTACHED",
                    subject,
                    issuer,
                    missing.size() + " device(s) still DRIVER_MISSING after " + attachWait.toSeconds() + " s: "
                            + missing);
        }
        LOG.info(
                "Driver bundle {} deployed by {} ({}): driver(s) {}, {} device(s)",
                subject,
                issuer,
                v.trust(),
                ids,
                devices.size());
        return fresh;
    }

    /** Stops and takes out a bundle, and lets the framework drop its wiring before anything else happens. */
    private void takeOut(Bundle b) throws DriverRefusedException {
        try {
            b.uninstall();
        } catch (BundleException e) {
            throw new DriverRefusedException(
                    "NOT_REPLACED",
                    "cannot take out " + b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage(),
                    e);
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), event -> refreshed.countDown());
        try {
            refreshed.await(attachWait.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts a replaced bundle back after its successor failed to start; returns what to tell the issuer. */
    private String restore(String location) {
        try {
            context.installBundle(location).start();
            return "; the version before it runs again";
        } catch (BundleException | RuntimeException e) {
            LOG.error("Could not put {} back", location, e);
            return "; the version before it could not be put back either: " + e.getMessage();
        }
    }

    /** The driver ids the bundle registers, once its components are up or the wait is over. */
    private List<String> awaitDrivers(Bundle b) {
        long deadline = System.nanoTime() + attachWait.toNanos();
        List<String> ids = driverIds(b);
        while (ids.isEmpty() && System.nanoTime() < deadline && b.getState() == Bundle.ACTIVE) {
            pause();
            ids = driverIds(b);
        }
        return ids;
    }

    /** Waits until no device of the drivers is DRIVER_MISSING; returns those still missing when the wait is over. */
    private List<String> awaitDevices(List<String> ids) {
        long deadline = System.nanoTime() + attachWait.toNanos();
        List<String> missing = missing(ids);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            pause();
            missing = missing(ids);
        }
        return missing;
    }

    private List<String> missing(List<String> ids) {
        List<String> missing = new ArrayList<>();
        for (DeviceSnapshot s : registry.find(DeviceQuery.ALL)) {
            if (ids.contains(s.device().driver()) && s.health().status() == HealthStatus.DRIVER_MISSING) {
                missing.add(s.device().id());
            }
        }
        return missing;
    }

    private List<String> devicesOf(List<String> ids) {
        return registry.find(DeviceQuery.ALL).stream()
                .filter(s -> ids.contains(s.device().driver()))
                .map(s -> s.device().id())
                .sorted()
                .toList();
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DriverBundle view(Bundle b) {
        List<String> ids = driverIds(b);
        List<String> history = history(b.getSymbolicName());
        String previous =
                history.isEmpty() ? "" : history.get(history.size() - 1).split(" ", 2)[0];
        return new DriverBundle(
                b.getSymbolicName(),
                b.getVersion().toString(),
                state(b),
                trust.verdict(b).trust(),
                ids,
                devicesOf(ids),
                previous);
    }

    /** The ids of the drivers a bundle registers. */
    private List<String> driverIds(Bundle b) {
        ServiceReference<?>[] refs = b.getRegisteredServices();
        List<String> ids = new ArrayList<>();
        if (refs == null) {
            return ids;
        }
        for (ServiceReference<?> ref : refs) {
            if (!List.of((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(DeviceDriver.class.getName())) {
                continue;
            }
            Object service = context.getService(ref);
            try {
                if (service instanceof DeviceDriver d) {
                    ids.add(d.id());
                }
            } finally {
                context.ungetService(ref);
            }
        }
        ids.sort(null);
        return ids;
    }

    private Optional<Bundle> bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private Optional<Bundle> bundleOfDriver(String driver) {
        Optional<Bundle> byName = bundle(driver);
        if (byName.isPresent()) {
            return byName;
        }
        for (Bundle b : context.getBundles()) {
            if (driverIds(b).contains(driver)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private Path stage(InputStream content, String name, String issuer) throws DriverRefusedException {
        try {
            Path incoming = Files.createDirectories(folder.resolve(".incoming"));
            Path staged = Files.createTempFile(incoming, "driver-", ".jar");
            Files.copy(content, staged, StandardCopyOption.REPLACE_EXISTING);
            return staged;
        } catch (IOException e) {
            throw refusal("UNREADABLE", name, issuer, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private Manifest manifest(Path jar, String name, String issuer) throws DriverRefusedException {
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            Manifest m = in.getManifest();
            if (m != null && m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null) {
                return m;
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a jar: refused below
        }
        delete(jar);
        throw refusal(
                "NOT_A_BUNDLE", name, issuer, name + " is not an OSGi bundle (a jar with a Bundle-SymbolicName)", null);
    }

    private static String symbolicName(Manifest m) {
        return m.getMainAttributes()
                .getValue(Constants.BUNDLE_SYMBOLICNAME)
                .split(";", 2)[0]
                .trim();
    }

    private List<String> history(String bsn) {
        Path file = folder.resolve(bsn).resolve(HISTORY);
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(l -> l.contains(" "))
                            .toList()
                    : List.of();
        } catch (IOException e) {
            LOG.error("Cannot read the previous versions of {} from {}", bsn, file, e);
            return List.of();
        }
    }

    private void remember(String bsn, Bundle replaced) {
        List<String> history = new ArrayList<>(history(bsn));
        history.add(replaced.getVersion() + " " + replaced.getLocation());
        writeHistory(bsn, history);
    }

    private void writeHistory(String bsn, List<String> lines) {
        Path file = folder.resolve(bsn).resolve(HISTORY);
        try {
            Files.createDirectories(file.getParent());
            Files.write(
                    file,
                    lines,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            LOG.error("Cannot note the previous versions of {} in {}: a rollback will not find them", bsn, file, e);
        }
    }

    private DriverRefusedException refusal(
            String reason, String subject, String issuer, String message, Throwable cause) {
        record("DRIVER_REFUSED", subject, issuer, reason + ": " + message);
        LOG.warn("Driver deployment by {} refused: {}", issuer, message);
        return new DriverRefusedException(reason, message, cause);
    }

    private void record(String event, String subject, String issuer, String detail) {
        audit.record(event, subject, issuer, detail);
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Could not take out bundle {}", b.getBundleId(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", file, e);
        }
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
