package org.urbis.core.internal.device;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.PollCounters;
import org.urbis.api.runtime.PollMonitor;
import org.urbis.core.internal.CoreConfig;
import org.urbis.core.internal.alarm.PlatformAlarmRegistry;
import org.urbis.core.internal.event.EventBus;
import org.urbis.core.internal.io.IoExecutor;

/**
 * The devices of the inventory: which exist, each attached to its driver as drivers come and go,
 * polled when the driver is a polled one, and answered for with their health, values and alarms.
 * Reads and writes on demand go through {@link DeviceIoService}, platform alarms live in {@link
 * PlatformAlarmRegistry}.
 *
 * <p>Membership changes (inventory applied, driver bound or unbound) are serialised on this
 * object's lock; reads, writes and polls run on the {@link IoExecutor} and never take it.
 */
@Component(
        service = {DeviceRegistry.class, PollMonitor.class, DeviceMembership.class},
        configurationPid = CoreConfig.PID)
@Designate(ocd = CoreConfig.class)
public final class DeviceMembership implements DeviceRegistry, PollMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceMembership.class);

    private final EventBus events;
    private final PlatformAlarmRegistry platformAlarms;
    private final CoreSettings settings;
    private final Set<String> configuredDrivers;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer;
    private final IoExecutor io;
    private final PollStatistics statistics = new PollStatistics();

    /** Every inventory device by id; replaced wholesale by {@link #apply}. */
    private volatile Map<String, DeviceState> devices = Map.of();

    private final Map<String, DeviceBinding> bindings = new ConcurrentHashMap<>();
    private final Map<String, DeviceDriver> drivers = new ConcurrentHashMap<>();

    @Activate
    public DeviceMembership(
            @Reference(name = "events") EventBus events,
            @Reference(name = "platformAlarms") PlatformAlarmRegistry platformAlarms,
            CoreConfig config) {
        this(events, platformAlarms, CoreSettings.from(config), driverIds(config.inventory_knownDrivers()));
        // In the background: the city's first command should not meet a cold JIT, nor wait for the warm-up.
        DeviceIoWarmUp.start(settings).whenComplete((shown, e) -> {
            if (e != null) {
                LOG.warn("Warming up the device I/O failed; the first commands may be slower: {}", e.toString());
            }
        });
    }

    /** A .cfg file gives "a,b,c" as one string; metatype and DS give an array: accept both. */
    private static Set<String> driverIds(String[] configured) {
        Set<String> ids = new TreeSet<>();
        for (String entry : configured) {
            for (String id : entry.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        return ids;
    }

    /** Devices outside OSGi, with explicit settings: for tests and benchmarks. */
    public DeviceMembership(
            EventBus events,
            PlatformAlarmRegistry platformAlarms,
            CoreSettings settings,
            Set<String> configuredDrivers) {
        this.events = events;
        this.platformAlarms = platformAlarms;
        this.settings = settings;
        this.configuredDrivers = Set.copyOf(configuredDrivers);
        ScheduledThreadPoolExecutor scheduler =
                new ScheduledThreadPoolExecutor(1, PlatformThreads.named("urbis-poll-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
        this.io = new IoExecutor(settings.maxConcurrent(), timer);
    }

    @Deactivate
    public synchronized void deactivate() {
        bindings.values().forEach(b -> b.detach("the platform core stopped"));
        bindings.clear();
        io.close();
        timer.shutdownNow();
    }

    // ---- drivers ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addDriver(DeviceDriver driver) {
        DeviceDriver previous = drivers.putIfAbsent(driver.id(), driver);
        if (previous != null) {
            LOG.error(
                    "A second driver with id '{}' was registered ({}); the first one stays in use",
                    driver.id(),
                    driver.getClass().getName());
            return;
        }
        int attached = 0;
        for (DeviceState state : devices.values()) {
            if (state.device().driver().equals(driver.id())) {
                attach(state, driver);
                attached++;
            }
        }
        LOG.info("Driver '{}' arrived; {} device(s) attached to it", driver.id(), attached);
    }

    public synchronized void removeDriver(DeviceDriver driver) {
        if (!drivers.remove(driver.id(), driver)) {
            return;
        }
        int detached = 0;
        for (DeviceState state : devices.values()) {
            if (state.device().driver().equals(driver.id())) {
                detach(state.device().id(), driverMissing(driver.id()));
                state.platformStatus(HealthStatus.DRIVER_MISSING, HealthDetail.NONE, driverMissing(driver.id()));
                detached++;
            }
        }
        LOG.info("Driver '{}' left; {} device(s) are now DRIVER_MISSING", driver.id(), detached);
    }

    /** Driver ids an inventory may name: configured ones and those installed now. */
    public Set<String> knownDrivers() {
        Set<String> known = new TreeSet<>(configuredDrivers);
        known.addAll(drivers.keySet());
        return known;
    }

    /** Driver ids installed now. */
    public Set<String> installedDrivers() {
        return Set.copyOf(drivers.keySet());
    }

    static String driverMissing(String driverId) {
        return "no driver '" + driverId + "' is installed";
    }

    private void attach(DeviceState state, DeviceDriver driver) {
        DeviceBinding binding = new DeviceBinding(state, driver, io, timer, settings, statistics);
        bindings.put(state.device().id(), binding);
        binding.attach();
    }

    private void detach(String deviceId, String why) {
        DeviceBinding binding = bindings.remove(deviceId);
        if (binding != null) {
            binding.detach(why);
        }
    }

    // ---- inventory ----

    /**
     * Puts a new inventory in force: devices that left are detached, new and changed ones attached,
     * unchanged ones keep running untouched.
     *
     * @return counts of added, updated and removed devices, in that order
     */
    public synchronized int[] apply(List<Device> inventory) {
        Map<String, DeviceState> next = new LinkedHashMap<>();
        int added = 0;
        int updated = 0;
        Instant now = clock.instant();
        for (Device device : inventory) {
            DeviceState current = devices.get(device.id());
            if (current != null && current.device().equals(device)) {
                next.put(device.id(), current);
                continue;
            }
            DeviceState state = new DeviceState(device, events, clock, settings.offlineAfterFailures());
            if (current == null) {
                added++;
            } else {
                updated++;
                detach(device.id(), "its inventory entry changed");
                state.inherit(current);
            }
            next.put(device.id(), state);
            events.publish(new DeviceChanged(
                    device.id(), current == null ? DeviceChanged.Kind.ADDED : DeviceChanged.Kind.UPDATED, device, now));
            DeviceDriver driver = drivers.get(device.driver());
            if (driver == null) {
                state.platformStatus(HealthStatus.DRIVER_MISSING, HealthDetail.NONE, driverMissing(device.driver()));
            } else {
                attach(state, driver);
            }
        }
        int removed = 0;
        for (DeviceState old : devices.values()) {
            if (!next.containsKey(old.device().id())) {
                removed++;
                detach(old.device().id(), "removed from the inventory");
                events.publish(new DeviceChanged(old.device().id(), DeviceChanged.Kind.REMOVED, null, now));
            }
        }
        devices = next;
        return new int[] {added, updated, removed};
    }

    // ---- registry ----

    @Override
    public Collection<String> deviceIds() {
        return List.copyOf(devices.keySet());
    }

    @Override
    public Optional<DeviceSnapshot> snapshot(String deviceId) {
        DeviceState state = devices.get(deviceId);
        return state == null ? Optional.empty() : Optional.of(state.snapshot());
    }

    @Override
    public List<DeviceSnapshot> find(DeviceQuery query) {
        List<DeviceSnapshot> found = new ArrayList<>();
        matching(query).forEach(state -> found.add(state.snapshot()));
        return found;
    }

    @Override
    public List<String> findIds(DeviceQuery query) {
        return matching(query).stream().map(state -> state.device().id()).toList();
    }

    /** The devices matching a query, ordered by id. */
    private List<DeviceState> matching(DeviceQuery query) {
        List<DeviceState> found = new ArrayList<>();
        for (DeviceState state : devices.values()) {
            Device d = state.device();
            if ((query.deviceClass() == null || query.deviceClass().equals(d.deviceClass()))
                    && (query.group() == null || d.inGroup(query.group()))
                    && (query.status() == null
                            || query.status() == state.health().status())) {
                found.add(state);
            }
        }
        found.sort(Comparator.comparing(state -> state.device().id()));
        return found;
    }

    @Override
    public List<Alarm> activeAlarms() {
        List<Alarm> alarms = new ArrayList<>(platformAlarms.active());
        devices.values().forEach(s -> alarms.addAll(s.alarms()));
        alarms.sort(Comparator.comparing(Alarm::raisedAt));
        return alarms;
    }

    @Override
    public Optional<Alarm> acknowledge(String deviceId, String type, String actor) {
        DeviceState state = devices.get(deviceId);
        return state != null ? state.acknowledge(type, actor) : platformAlarms.acknowledge(deviceId, type, actor);
    }

    /** The device's state, or null when the inventory has no such device. */
    DeviceState state(String deviceId) {
        return devices.get(deviceId);
    }

    /** The device's attachment to its driver, or null when it has none. */
    DeviceBinding binding(String deviceId) {
        return bindings.get(deviceId);
    }

    @Override
    public PollCounters pollCounters() {
        return new PollCounters(
                statistics.polls(),
                statistics.successes(),
                statistics.failures(),
                statistics.overruns(),
                statistics.meanLateness(),
                statistics.maxLateness());
    }
}
