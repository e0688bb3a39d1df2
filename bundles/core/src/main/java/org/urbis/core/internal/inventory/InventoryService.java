package org.urbis.core.internal.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.runtime.InventoryReport;
import org.urbis.core.internal.CoreConfig;
import org.urbis.core.internal.device.DeviceManager;

/**
 * The inventory: reads the inventory folder at start and whenever it changes, and puts it in force
 * all or nothing. A folder with any problem leaves the previous inventory in force and logs every
 * problem with its file and place.
 */
@Component(service = Inventory.class, configurationPid = CoreConfig.PID)
public final class InventoryService implements Inventory {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final DeviceManager devices;
    private final Path directory;
    private final InventoryReader reader = new InventoryReader();
    private final InventoryFolderWatcher watcher;
    private InventoryReport lastReport;

    /** Problems logged per failed load; the report (and urbis:inventory-reload) has them all. */
    private static final int LOGGED_PROBLEMS = 50;

    @Activate
    public InventoryService(@Reference(name = "devices") DeviceManager devices, CoreConfig config) throws IOException {
        this(devices, directory(config.inventory_directory()), Duration.ofMillis(config.inventory_quietPeriodMillis()));
    }

    /** An inventory of a given folder outside OSGi: for tests and benchmarks. */
    public InventoryService(DeviceManager devices, Path directory, Duration quietPeriod) throws IOException {
        this.devices = devices;
        this.directory = directory;
        // Watch first, so a file written while the first load runs triggers another load.
        this.watcher = new InventoryFolderWatcher(directory, quietPeriod, this::reload);
        reload();
    }

    @Deactivate
    public void deactivate() {
        watcher.close();
    }

    private static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim());
        }
        return Paths.get(System.getProperty("karaf.etc", "etc"), "urbis", "inventory");
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized InventoryReport reload() {
        long start = System.nanoTime();
        InventoryReader.Result read = reader.read(directory, devices.knownDrivers());
        InventoryReport report;
        if (read.problems().isEmpty()) {
            int[] changes = devices.apply(read.devices());
            report = new InventoryReport(Instant.now(), true, read.files(), read.devices().size(), changes[0], changes[1],
                    changes[2], List.of(), Duration.ofNanos(System.nanoTime() - start));
            LOG.info("Inventory loaded from {}: {} file(s), {} device(s), {} added, {} updated, {} removed, in {} ms",
                    directory, report.files(), report.devices(), report.added(), report.updated(), report.removed(),
                    report.took().toMillis());
        } else {
            int inForce = devices.deviceIds().size();
            report = new InventoryReport(Instant.now(), false, read.files(), inForce, 0, 0, 0, read.problems(),
                    Duration.ofNanos(System.nanoTime() - start));
            LOG.error("Inventory in {} NOT loaded: {} problem(s); the previous inventory of {} device(s) stays in force",
                    directory, read.problems().size(), inForce);
            read.problems().stream().limit(LOGGED_PROBLEMS).forEach(problem -> LOG.error("  {}", problem));
            if (read.problems().size() > LOGGED_PROBLEMS) {
                LOG.error("  ... and {} more (urbis:inventory-reload lists them all)", read.problems().size() - LOGGED_PROBLEMS);
            }
        }
        lastReport = report;
        return report;
    }

    @Override
    public synchronized InventoryReport lastReport() {
        return lastReport;
    }
}
