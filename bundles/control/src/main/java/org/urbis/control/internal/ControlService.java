package org.urbis.control.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandListener;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.SiteZone;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandEvents;
import org.urbis.control.internal.command.CommandPathWarmUp;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlConfig;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.control.internal.maintenance.MaintenanceBook;

/**
 * The command service: the pipeline wired to the core's registry and device I/O, the interlocks and the audit log;
 * the site's zone ({@code site.zone}), in which the console shows times; and the maintenance windows, which the
 * pipeline consults and whose every change is audited.
 */
@Component(
        service = {CommandService.class, SiteZone.class, Maintenance.class, ControlService.class},
        configurationPid = ControlConfig.PID)
@Designate(ocd = ControlConfig.class)
public final class ControlService implements CommandService, SiteZone, Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(ControlService.class);

    private final List<Interlock> interlocks = new CopyOnWriteArrayList<>();
    /** The interlocks in force, for the pipeline and its start-up rehearsal alike. */
    private final Supplier<List<Interlock>> guards = () -> interlocks;
    /** Every command state change, for the live views that register a {@link CommandListener}. */
    private final CommandEvents commandEvents = new CommandEvents(100_000);

    private final ExecutorService executor;
    private final AuditLog audit;
    private final CommandPipeline pipeline;
    private final ZoneId siteZone;
    private final double siteLatitude;
    private final double siteLongitude;
    private final Duration defaultExpiry;
    private final MaintenanceBook maintenance;
    /** Ends the maintenance windows whose time is up: removes them from the file and audits the end. */
    private final ScheduledExecutorService sweeper;

    @Activate
    public ControlService(
            @Reference DeviceRegistry registry, @Reference DeviceIO io, ControlConfig config, BundleContext context)
            throws IOException {
        ControlSettings settings = ControlSettings.from(config);
        this.siteZone = ZoneId.of(config.site_zone());
        this.siteLatitude = config.site_latitude();
        this.siteLongitude = config.site_longitude();
        this.defaultExpiry = Duration.ofSeconds(config.command_defaultExpirySeconds());
        Path folder = config.audit_directory().isBlank()
                ? Path.of(dataFolder(context), "urbis", "audit")
                : Path.of(config.audit_directory());
        this.audit = new AuditLog(
                folder.resolve("audit.log"), Clock.systemUTC(), config.audit_segmentMegabytes() * 1024 * 1024);
        this.executor =
                Executors.newFixedThreadPool(settings.workerThreads(), PlatformThreads.numbered("urbis-control"));
        this.maintenance = new MaintenanceBook(
                folder.resolveSibling("maintenance").resolve("windows.json"),
                registry,
                Clock.systemUTC(),
                this::auditMaintenance);
        this.pipeline = new CommandPipeline(
                registry,
                io,
                guards,
                audit,
                settings,
                Clock.systemUTC(),
                executor,
                commandEvents,
                maintenance::windowFor);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-maintenance"));
        sweeper.scheduleWithFixedDelay(this::sweep, 0, 10, TimeUnit.SECONDS);
        // In the background and on threads of its own: the city's first command should not meet a cold JIT, nor
        // wait for the warm-up.
        CommandPathWarmUp.start(settings, guards).whenComplete((confirmed, e) -> {
            if (e != null) {
                LOG.warn("Warming up the command path failed; the first commands may be slower: {}", e.toString());
            }
        });
        int restored = pipeline.restoreIds();
        LOG.info(
                "Command pipeline ready; audit log {}; {} recent command id(s) remembered from it",
                audit.file(),
                restored);
    }

    private static String dataFolder(BundleContext context) {
        String data = context == null ? null : context.getProperty("karaf.data");
        return data != null ? data : System.getProperty("karaf.data", "data");
    }

    private void sweep() {
        try {
            maintenance.expire();
        } catch (RuntimeException e) {
            LOG.warn("Ending the maintenance windows whose time is up failed; trying again shortly", e);
        }
    }

    private void auditMaintenance(MaintenanceBook.Change change, MaintenanceWindow w, String actor) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("event", "MAINTENANCE_" + change);
        f.put("target", w.target());
        f.put("issuer", actor.isEmpty() ? null : actor);
        f.put("by", w.by());
        f.put("reason", w.reason());
        f.put("start", w.start());
        f.put("end", w.end());
        audit.writer().appendAsync(f);
        LOG.info(
                "Maintenance of {} {} (by {}, until {}: {})",
                w.target(),
                change.name().toLowerCase(java.util.Locale.ROOT),
                actor.isEmpty() ? w.by() : actor,
                w.end(),
                w.reason());
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        sweeper.shutdownNow();
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
        audit.close();
        commandEvents.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInterlock(Interlock interlock) {
        interlocks.add(interlock);
        LOG.info("Interlock {} guards device class {}", interlock.getClass().getName(), interlock.deviceClass());
    }

    void removeInterlock(Interlock interlock) {
        interlocks.remove(interlock);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommandListener(CommandListener listener) {
        commandEvents.add(listener);
    }

    void removeCommandListener(CommandListener listener) {
        commandEvents.remove(listener);
    }

    @Override
    public CompletionStage<CommandResult> submit(Command command) {
        return pipeline.submit(command);
    }

    @Override
    public CompletionStage<CommandResult> submit(Command command, Set<String> issuerRoles) {
        return pipeline.submit(command, issuerRoles);
    }

    @Override
    public MaintenanceWindow set(String target, String reason, String by, Instant end) {
        return maintenance.set(target, reason, by, end);
    }

    @Override
    public Optional<MaintenanceWindow> clear(String target, String by) {
        return maintenance.clear(target, by);
    }

    @Override
    public List<MaintenanceWindow> windows() {
        return maintenance.windows();
    }

    @Override
    public Optional<MaintenanceWindow> windowFor(Device device) {
        return maintenance.windowFor(device);
    }

    public AuditLog audit() {
        return audit;
    }

    @Override
    public ZoneId zone() {
        return siteZone;
    }

    public double siteLatitude() {
        return siteLatitude;
    }

    public double siteLongitude() {
        return siteLongitude;
    }

    @Override
    public Duration defaultExpiry() {
        return defaultExpiry;
    }
}
