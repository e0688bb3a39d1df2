package org.urbis.core.internal.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.runtime.InventoryProblem;
import org.urbis.api.runtime.InventoryReport;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.core.internal.CoreConfig;
import org.urbis.core.internal.device.DeviceMembership;

/**
 * The inventory: reads the inventory folder at start and whenever it changes, and puts it in force
 * all or nothing. A folder with any problem leaves the previous inventory in force, logs every
 * problem with its file and place, and raises the platform alarm {@code inventory/REJECTED} until a
 * load succeeds. Each inventory put in force is kept on disk, so that a start with a folder that
 * has problems begins with the last good inventory rather than with none.
 */
@Component(service = Inventory.class, configurationPid = CoreConfig.PID)
public final class InventoryService implements Inventory {

    /** The platform alarm of a refused load: source and type. */
    static final String ALARM_SOURCE = "inventory";

    static final String REJECTED = "REJECTED";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    /** Problems logged per failed load; the report (and urbis:inventory-reload) has them all. */
    private static final int LOGGED_PROBLEMS = 50;
    /** Files named in the alarm's message. */
    private static final int NAMED_FILES = 5;

    private final DeviceMembership devices;
    private final PlatformAlarms alarms;
    private final DriverDeclarations declarations;
    private final Runnable onDeclarationsChanged = this::reload;
    private final Path directory;
    private final LastGoodInventory lastGood;
    private final InventoryFileOwners owners;
    private final InventoryReader reader;
    private final InventoryFolderWatcher watcher;
    private InventoryReport lastReport;

    @Activate
    public InventoryService(
            @Reference(name = "devices") DeviceMembership devices,
            @Reference(name = "alarms") PlatformAlarms alarms,
            @Reference(name = "declarations") DriverDeclarations declarations,
            @Reference(name = "owners") InventoryFileOwners owners,
            CoreConfig config)
            throws IOException {
        this(
                devices,
                alarms,
                declarations,
                owners,
                directory(config.inventory_directory()),
                lastGood(config.inventory_lastGood()),
                Duration.ofMillis(config.inventory_quietPeriodMillis()));
    }

    /** An inventory of a given folder outside OSGi, keeping the last good one in {@code lastGood}: for tests and benchmarks. */
    InventoryService(
            DeviceMembership devices, PlatformAlarms alarms, Path directory, Path lastGood, Duration quietPeriod)
            throws IOException {
        this(devices, alarms, new DriverDeclarations(), directory, lastGood, quietPeriod);
    }

    /** As above, with the declarations of driver bundles: the inventory loads again whenever they change. */
    InventoryService(
            DeviceMembership devices,
            PlatformAlarms alarms,
            DriverDeclarations declarations,
            Path directory,
            Path lastGood,
            Duration quietPeriod)
            throws IOException {
        this(devices, alarms, declarations, new InventoryFileOwners(), directory, lastGood, quietPeriod);
    }

    /** As above, leaving alone the files other bundles own: the inventory loads again whenever they change. */
    InventoryService(
            DeviceMembership devices,
            PlatformAlarms alarms,
            DriverDeclarations declarations,
            InventoryFileOwners owners,
            Path directory,
            Path lastGood,
            Duration quietPeriod)
            throws IOException {
        this.owners = owners;
        this.reader = new InventoryReader(owners::suffixes);
        this.devices = devices;
        this.alarms = alarms;
        this.declarations = declarations;
        this.directory = directory;
        this.lastGood = new LastGoodInventory(lastGood);
        // Watch first, so a file written while the first load runs triggers another load.
        this.watcher = new InventoryFolderWatcher(directory, quietPeriod, this::reload);
        reload();
        declarations.onChange(onDeclarationsChanged);
        owners.onChange(onDeclarationsChanged);
    }

    @Deactivate
    public void deactivate() {
        owners.onChange(() -> {});
        declarations.removeListener(onDeclarationsChanged);
        watcher.close();
    }

    /** What a load needs of the runtime now: drivers known and installed, bundles' declarations, devices' points. */
    private InventoryReader.Context context() {
        return new InventoryReader.Context(
                devices.knownDrivers(),
                devices.installedDrivers(),
                declarations.current(),
                id -> devices.snapshot(id).map(s -> s.device().points()));
    }

    private static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.etc", "etc"), "urbis", "inventory");
    }

    private static Path lastGood(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.data", "data"), "urbis", "inventory", "last-good.zip");
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized InventoryReport reload() {
        long start = System.nanoTime();
        InventoryReader.Result read = reader.read(directory, context());
        read.warnings().forEach(warning -> LOG.warn("Inventory: {}", warning));
        InventoryReport report;
        if (read.problems().isEmpty()) {
            int[] changes = devices.apply(read.devices());
            report = new InventoryReport(
                    Instant.now(),
                    true,
                    read.files(),
                    read.devices().size(),
                    changes[0],
                    changes[1],
                    changes[2],
                    List.of(),
                    Duration.ofNanos(System.nanoTime() - start),
                    read.warnings());
            LOG.info(
                    "Inventory loaded from {}: {} file(s), {} device(s), {} added, {} updated, {} removed, in {} ms",
                    directory,
                    report.files(),
                    report.devices(),
                    report.added(),
                    report.updated(),
                    report.removed(),
                    report.took().toMillis());
            keep(read);
            alarms.clear(
                    ALARM_SOURCE, REJECTED, "inventory of " + report.devices() + " device(s) loaded from " + directory);
        } else {
            String inForce = lastReport == null
                    ? startFromLastGood()
                    : "the previous inventory of " + devices.deviceIds().size() + " device(s) stays in force";
            report = new InventoryReport(
                    Instant.now(),
                    false,
                    read.files(),
                    devices.deviceIds().size(),
                    0,
                    0,
                    0,
                    read.problems(),
                    Duration.ofNanos(System.nanoTime() - start),
                    read.warnings());
            LOG.error(
                    "Inventory in {} NOT loaded: {} problem(s); {}",
                    directory,
                    read.problems().size(),
                    inForce);
            read.problems().stream().limit(LOGGED_PROBLEMS).forEach(problem -> LOG.error("  {}", problem));
            if (read.problems().size() > LOGGED_PROBLEMS) {
                LOG.error(
                        "  ... and {} more (urbis:inventory-reload lists them all)",
                        read.problems().size() - LOGGED_PROBLEMS);
            }
            alarm("Inventory in " + directory + " NOT loaded: "
                    + read.problems().size() + " problem(s) in " + files(read.problems()) + "; " + inForce
                    + " (urbis:inventory-reload lists the problems)");
        }
        lastReport = report;
        return report;
    }

    @Override
    public synchronized InventoryReport lastReport() {
        return lastReport;
    }

    /** The first load found problems: puts the last good inventory in force when there is one, and says what is in force. */
    private String startFromLastGood() {
        try {
            Optional<InventoryReader.Result> kept = lastGood.read(reader, context());
            if (kept.isEmpty()) {
                return "no last good inventory is kept in " + lastGood.file() + ", so no device is in force";
            }
            if (!kept.get().problems().isEmpty()) {
                return "the last good inventory " + lastGood.file() + " cannot be used either ("
                        + kept.get().problems().size() + " problem(s), the first: "
                        + kept.get().problems().get(0) + "), so no device is in force";
            }
            devices.apply(kept.get().devices());
            return "started with the last good inventory of "
                    + kept.get().devices().size() + " device(s), kept " + lastGood.savedAt() + " in " + lastGood.file();
        } catch (IOException | RuntimeException e) {
            return "the last good inventory " + lastGood.file() + " cannot be read (" + e
                    + "), so no device is in force";
        }
    }

    private void keep(InventoryReader.Result read) {
        try {
            lastGood.save(read.contents());
        } catch (IOException e) {
            LOG.error(
                    "The inventory is in force but could not be kept as the last good one in {}: a start with a folder "
                            + "that has problems would begin from an older one",
                    lastGood.file(),
                    e);
        }
    }

    /** Raises the alarm, or replaces its message when it is already raised for other problems. */
    private void alarm(String message) {
        boolean same = devices.activeAlarms().stream()
                .anyMatch(a -> a.deviceId().equals(ALARM_SOURCE)
                        && a.type().equals(REJECTED)
                        && a.message().equals(message));
        if (!same) {
            alarms.clear(ALARM_SOURCE, REJECTED, "superseded by a newer refusal");
            alarms.raise(ALARM_SOURCE, REJECTED, AlarmSeverity.MAJOR, message);
        }
    }

    private static String files(List<InventoryProblem> problems) {
        List<String> files =
                problems.stream().map(InventoryProblem::file).distinct().toList();
        return files.stream().limit(NAMED_FILES).collect(Collectors.joining(", "))
                + (files.size() > NAMED_FILES ? " and " + (files.size() - NAMED_FILES) + " more file(s)" : "");
    }
}
