package org.urbis.telemetry.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Device;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.telemetry.TelemetryMonitor;
import org.urbis.api.telemetry.TelemetrySource;
import org.urbis.api.telemetry.TelemetryStatus;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.link.LinkStats;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.sparkplug.SparkplugEncoding;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogStats;
import org.urbis.telemetry.internal.thingsboard.ThingsBoardEncoding;

/**
 * The telemetry component: subscribes to the event stream without loss, keeps what it must report in
 * the durable log, and runs the uplink to the operations centre; the {@link TelemetrySource} services
 * (a parking site's counts) are reported like devices. A configuration change restarts it
 * with the new settings (the log on disk carries over).
 */
@Component(
        service = {TelemetryService.class, TelemetryMonitor.class},
        configurationPid = TelemetryConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = TelemetryConfig.class)
public final class TelemetryService implements Catalogue, TelemetryMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryService.class);

    /** The platform alarm raised while the buffer is full. */
    static final String ALARM_SOURCE = "telemetry";

    static final String STORE_FULL = "STORE_FULL";
    /** The platform alarm raised while another MQTT client keeps taking this runtime's session over. */
    static final String SESSION_TAKEN_OVER = "SESSION_TAKEN_OVER";

    /** Everything the shell shows. */
    public record Status(
            TelemetrySettings settings,
            LinkStats link,
            LogStats store,
            long eventsSeen,
            long recordsWritten,
            long deadbandSuppressed,
            long storeFailures,
            String lastStoreError) {}

    private final DeviceRegistry registry;
    private final TelemetrySettings settings;
    private final DurableLog log;
    private final EventRecorder recorder;
    private final Uplink uplink;
    private final Subscription subscription;
    private final ScheduledExecutorService timer;
    private final AtomicLong eventsSeen = new AtomicLong();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private volatile String lastStoreError = "";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CommandService commandService;

    private volatile PlatformAlarms alarms;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Maintenance maintenance;

    /** The sources reported besides the devices (a parking site's counts), each with what stops its changes. */
    private final Map<TelemetrySource, AutoCloseable> sources = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether the STORE_FULL alarm is raised, as far as this component knows. */
    private boolean storeFullRaised;
    /** Whether the SESSION_TAKEN_OVER alarm is raised, as far as this component knows. */
    private boolean takenOverRaised;
    /** Set as the service stops: sources unbound after it need no deaths of their own. */
    private volatile boolean stopping;

    @Activate
    public TelemetryService(
            @Reference(name = "events") EventStream events,
            @Reference(name = "registry") DeviceRegistry registry,
            TelemetryConfig config)
            throws IOException {
        this.registry = registry;
        this.settings = TelemetrySettings.from(config);
        this.log = DurableLog.open(settings.storeDir(), settings.store());
        try {
            this.recorder = new EventRecorder(this);
            Encoding encoding = "thingsboard".equals(settings.encoding())
                    ? new ThingsBoardEncoding()
                    : new SparkplugEncoding(
                            settings.node(),
                            settings.primaryHost(),
                            new BdSeqFile(settings.storeDir().resolve("bdseq"))::next);
            this.uplink = new Uplink(settings.link(), encoding, this, log, this::submit).start();
            this.subscription = events.subscribe("telemetry", this::onEvents, SubscriptionOptions.lossless());
            this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-telemetry-integrity"));
            timer.scheduleWithFixedDelay(this::checkStore, 1, 1, TimeUnit.SECONDS);
            timer.scheduleWithFixedDelay(this::checkSession, 1, 1, TimeUnit.SECONDS);
            timer.scheduleWithFixedDelay(this::checkMaintenance, 5, 5, TimeUnit.SECONDS);
            long period = settings.integrity().toSeconds();
            if (period > 0) {
                timer.scheduleAtFixedRate(this::integrityReport, period, period, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        LOG.info(
                "Telemetry started: {} to {} as {}/{}{}, buffer {} ({} bytes at most, overflow {})",
                settings.encoding(),
                settings.link().brokerUrl(),
                settings.node().groupId(),
                settings.node().nodeId(),
                settings.primaryHost().isEmpty() ? "" : " for primary host " + settings.primaryHost(),
                settings.storeDir(),
                settings.store().maxBytes(),
                settings.store().overflow());
    }

    @Deactivate
    public void deactivate() {
        stopping = true;
        subscription.close();
        timer.shutdownNow();
        try {
            // a report being written finishes before the buffer closes
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        uplink.close();
        try {
            log.close();
        } catch (RuntimeException e) {
            LOG.warn("Telemetry: closing the buffer: {}", e.toString());
        }
    }

    private void onEvents(List<DeviceEvent> events) {
        eventsSeen.addAndGet(events.size());
        write(recorder.record(events));
    }

    /** Reports the devices whose maintenance began or ended: windows are no device events, so they are looked at. */
    private void checkMaintenance() {
        Maintenance m = maintenance;
        try {
            Map<String, MaintenanceWindow> now = new HashMap<>();
            if (m != null && !m.windows().isEmpty()) {
                registry.find(DeviceQuery.ALL)
                        .forEach(s -> m.windowFor(s.device())
                                .ifPresent(w -> now.put(s.device().id(), w)));
            }
            write(recorder.maintenance(now, System.currentTimeMillis()));
        } catch (RuntimeException e) {
            LOG.warn("Telemetry: maintenance check failed: {}", e.toString());
        }
    }

    private void integrityReport() {
        try {
            List<DeviceSnapshot> all = new ArrayList<>(registry.find(DeviceQuery.ALL));
            all.addAll(sourceSnapshots());
            write(recorder.integrity(all));
        } catch (RuntimeException e) {
            LOG.warn("Telemetry: integrity report failed: {}", e.toString());
        }
    }

    /** A source's things are born with what they hold now, then reported by exception like devices. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addSource(TelemetrySource source) {
        sources.put(source, source.listen(this::onEvents));
        List<DeviceSnapshot> now = source.snapshots();
        long time = System.currentTimeMillis();
        List<TelemetryRecord> births = new ArrayList<>();
        now.forEach(s -> births.add(EventRecorder.birth(s.device(), time)));
        write(births);
        write(recorder.integrity(now));
    }

    public void removeSource(TelemetrySource source) {
        AutoCloseable listening = sources.remove(source);
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception e) {
            LOG.warn("Telemetry: stopping source {}: {}", source.getClass().getName(), e.toString());
        }
        if (stopping) {
            // unbound as this service stops: the node's death, sent as it disconnects, ends its things with it
            return;
        }
        long time = System.currentTimeMillis();
        write(source.snapshots().stream()
                .map(s -> TelemetryRecord.death(s.device().id(), time, "source gone"))
                .toList());
    }

    private List<DeviceSnapshot> sourceSnapshots() {
        List<DeviceSnapshot> out = new ArrayList<>();
        sources.keySet().forEach(s -> out.addAll(s.snapshots()));
        return out;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAlarms(PlatformAlarms platformAlarms) {
        this.alarms = platformAlarms;
    }

    void unbindAlarms(PlatformAlarms platformAlarms) {
        if (this.alarms == platformAlarms) {
            this.alarms = null;
        }
    }

    /** Raises the STORE_FULL platform alarm while the buffer is full, and clears it once it has room again. */
    void checkStore() {
        PlatformAlarms platform = alarms;
        if (platform == null) {
            return;
        }
        LogStats store = log.stats();
        if (store.full() && !storeFullRaised) {
            platform.raise(
                    ALARM_SOURCE,
                    STORE_FULL,
                    AlarmSeverity.MAJOR,
                    "telemetry buffer full: " + store.bytes() + " of "
                            + store.maxBytes() + " bytes, " + store.pending()
                            + " records waiting for the broker; overflow policy "
                            + settings.store().overflow() + ", " + store.dropped() + " dropped so far");
            storeFullRaised = true;
        } else if (!store.full() && storeFullRaised) {
            platform.clear(
                    ALARM_SOURCE,
                    STORE_FULL,
                    "telemetry buffer has room again (" + store.pending() + " records waiting)");
            storeFullRaised = false;
        }
    }

    /**
     * Raises SESSION_TAKEN_OVER while another client keeps taking this runtime's MQTT session (the
     * same client id: two runtimes with one node id), and clears it once a connection stays up.
     */
    void checkSession() {
        PlatformAlarms platform = alarms;
        if (platform == null) {
            return;
        }
        LinkStats link = uplink.stats();
        if (link.takenOver() && !takenOverRaised) {
            platform.raise(
                    ALARM_SOURCE,
                    SESSION_TAKEN_OVER,
                    AlarmSeverity.MAJOR,
                    "MQTT client id '"
                            + settings.link().clientId()
                            + "' is taken over by another client each time this runtime connects ("
                            + link.lastError()
                            + "): give every runtime its own node.id (or client.id); this runtime backs off "
                            + "and buffers meanwhile");
            takenOverRaised = true;
        } else if (!link.takenOver() && takenOverRaised) {
            platform.clear(
                    ALARM_SOURCE,
                    SESSION_TAKEN_OVER,
                    "MQTT client id '" + settings.link().clientId() + "' holds its session again");
            takenOverRaised = false;
        }
    }

    private void write(List<TelemetryRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<byte[]> bytes = new ArrayList<>(records.size());
        for (TelemetryRecord r : records) {
            bytes.add(RecordCodec.encode(r));
        }
        try {
            recordsWritten.addAndGet(log.append(bytes));
        } catch (IOException | RuntimeException e) {
            storeFailures.addAndGet(bytes.size());
            lastStoreError = e.toString();
            LOG.error("ALARM telemetry buffer cannot store {} records: {}", bytes.size(), e.toString());
        }
    }

    private CompletionStage<CommandResult> submit(CommandRequest request) {
        CommandService service = commandService;
        String id = "ioc-" + java.util.UUID.randomUUID();
        if (service == null) {
            return CompletableFuture.completedFuture(new CommandResult(
                    id,
                    request.deviceId(),
                    CommandState.REJECTED,
                    "command service not available",
                    Instant.now(),
                    List.of()));
        }
        try {
            Command command = new Command(
                    id,
                    request.deviceId(),
                    request.point(),
                    request.value(),
                    settings.issuer(),
                    "from the operations centre",
                    Instant.now().plus(settings.commandExpiry()),
                    Command.Operation.DIRECT);
            return service.submit(command);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new CommandResult(
                    id, request.deviceId(), CommandState.REJECTED, e.getMessage(), Instant.now(), List.of()));
        }
    }

    public Status status() {
        return new Status(
                settings,
                uplink.stats(),
                log.stats(),
                eventsSeen.get(),
                recordsWritten.get(),
                recorder.suppressed(),
                storeFailures.get(),
                lastStoreError);
    }

    @Override
    public TelemetryStatus current() {
        LinkStats l = uplink.stats();
        LogStats b = log.stats();
        return new TelemetryStatus(
                l.state() == Uplink.State.CONNECTED,
                l.state().name(),
                l.connectedTo().isEmpty() ? l.broker() : l.connectedTo(),
                settings.encoding(),
                b.pending(),
                b.bytes(),
                b.maxBytes(),
                b.full(),
                b.dropped(),
                l.published(),
                l.confirmed(),
                l.lastError(),
                l.lastErrorAt());
    }

    // ---- Catalogue ----

    @Override
    public Optional<Device> device(String deviceId) {
        Optional<Device> device = registry.snapshot(deviceId).map(DeviceSnapshot::device);
        for (java.util.Iterator<TelemetrySource> i = sources.keySet().iterator(); device.isEmpty() && i.hasNext(); ) {
            device = i.next().device(deviceId);
        }
        return device;
    }

    @Override
    public Collection<Device> present() {
        List<Device> out = new ArrayList<>();
        for (DeviceSnapshot s : registry.find(DeviceQuery.ALL)) {
            if (s.health().status() != HealthStatus.DRIVER_MISSING) {
                out.add(s.device());
            }
        }
        sourceSnapshots().forEach(s -> out.add(s.device()));
        return out;
    }
}
