package org.urbis.grid.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.device.Device;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.grid.ControlAction;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.FeederStatus;
import org.urbis.api.grid.Feeders;
import org.urbis.api.history.History;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.telemetry.TelemetrySource;
import org.urbis.grid.internal.feeder.FeederFolder;
import org.urbis.grid.internal.forecast.Accuracy;
import org.urbis.grid.internal.forecast.Series;

/**
 * The grid on the runtime: reads the feeder files, forecasts every feeder each quarter hour from the history store,
 * and runs the controllers on every new transformer reading and every few seconds besides; offers the telemetry
 * each feeder with its latest forecast ({@link FeederReport}).
 */
@Component(
        service = {GridService.class, Feeders.class, TelemetrySource.class},
        configurationPid = GridConfig.PID,
        immediate = true)
@Designate(ocd = GridConfig.class)
public final class GridService implements Feeders, TelemetrySource {

    private static final Logger LOG = LoggerFactory.getLogger(GridService.class);
    private static final String ALARM_SOURCE = "grid";
    private static final String ALARM_TYPE = "FEEDER_REFUSED";

    private final Grid grid;
    private final Path feederDir;
    private final PlatformAlarms alarms;
    private final ScheduledExecutorService timer;
    private final Subscription subscription;
    private final FeederReport report = new FeederReport();
    /** The feeder files as last read; null before the first reading, so that even an empty folder counts as read. */
    private volatile String signature;

    private volatile List<String> problems = List.of();

    private volatile History history;

    @Activate
    public GridService(
            @Reference DeviceRegistry registry,
            @Reference CommandService commands,
            @Reference EventStream events,
            @Reference SiteZone site,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) PlatformAlarms alarms,
            GridConfig config,
            BundleContext context)
            throws IOException {
        this.alarms = alarms;
        this.feederDir = config.feeders_directory().isBlank()
                ? Path.of(Objects.requireNonNullElse(context.getProperty("karaf.etc"), "etc"), "urbis", "grid")
                : Path.of(config.feeders_directory());
        this.grid = new Grid(
                new GridSettings(
                        config.issuer(),
                        Duration.ofSeconds(config.command_expirySeconds()),
                        Duration.ofMinutes(config.meter_frozenMinutes()),
                        Duration.ofMinutes(config.proposal_lifeMinutes())),
                registry,
                () -> history,
                commands,
                () -> alarms,
                Clock.systemUTC(),
                site.zone());
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-grid"));
        reload();
        this.subscription = events.subscribe(
                "grid", this::onEvents, SubscriptionOptions.lossless().only(ValueChanged.class));
        long period = config.forecast_periodMinutes() * 60_000L;
        long delay = period - System.currentTimeMillis() % period;
        timer.scheduleAtFixedRate(this::forecast, delay, period, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                this::tick, config.controller_periodSeconds(), config.controller_periodSeconds(), TimeUnit.SECONDS);
        LOG.info("Grid ready: {} feeder(s) from {}", grid.feeders().size(), feederDir);
    }

    /** The history store came (it may start after the grid): the feeders are forecast from it at once. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindHistory(History h) {
        history = h;
        // bound after the constructor has run, so the timer is there
        timer.execute(this::forecast);
    }

    void unbindHistory(History h) {
        if (history == h) {
            history = null;
        }
    }

    @Deactivate
    void deactivate() {
        subscription.close();
        timer.shutdownNow();
    }

    public Grid grid() {
        return grid;
    }

    /** Files refused at the last reading of the feeder folder. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public CompletionStage<List<CommandResult>> approve(String proposal, String user, Set<String> roles) {
        return grid.approve(proposal, user, roles);
    }

    @Override
    public List<FeederStatus> feeders() {
        return grid.feeders().stream()
                .map(f -> new FeederStatus(
                        f.id(),
                        f.transformerMeter(),
                        f.importLimitKw(),
                        f.exportLimitKw(),
                        f.hysteresisKw(),
                        f.peakMode().word(),
                        f.exportMode().word()))
                .toList();
    }

    @Override
    public Optional<FeederOutlook> outlook(String feeder) {
        return grid.forecast(feeder).map(fc -> {
            Accuracy a = fc.accuracy();
            return new FeederOutlook(
                    feeder,
                    fc.issued(),
                    fc.load().start(),
                    (int) Series.STEP.toMinutes(),
                    list(fc.load()),
                    list(fc.pv()),
                    fc.ratedKw(),
                    a.slots(),
                    known(a.mae()),
                    known(a.mape()),
                    known(a.mase()),
                    known(a.naiveMae()),
                    fc.basis());
        });
    }

    @Override
    public List<ControlAction> actions(String feeder, int limit) {
        Set<String> waiting = grid.proposals().stream().map(Grid.Proposal::id).collect(Collectors.toSet());
        return grid.actions().stream()
                .filter(a -> a.feeder().equals(feeder))
                .limit(Math.max(0, limit))
                .map(a -> new ControlAction(
                        a.id(),
                        a.time(),
                        a.controller(),
                        a.mode().word(),
                        a.orders().stream().map(Object::toString).toList(),
                        a.reason(),
                        a.outcome().equals("proposed") && !waiting.contains(a.id())
                                ? "proposal no longer waiting"
                                : a.outcome()))
                .toList();
    }

    // ---- the feeders offered to the telemetry ----

    @Override
    public List<DeviceSnapshot> snapshots() {
        return report.snapshots();
    }

    @Override
    public Optional<Device> device(String id) {
        return report.device(id);
    }

    @Override
    public AutoCloseable listen(EventListener listener) {
        return report.listen(listener);
    }

    private static List<Double> list(Series s) {
        return Arrays.stream(s.values()).mapToObj(GridService::known).toList();
    }

    private static Double known(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }

    /** A new transformer reading: its feeder's controllers look at once, on the grid's own thread. */
    private void onEvents(List<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            if (e instanceof ValueChanged v && v.value().point().equals(Grid.ACTIVE_POWER)) {
                grid.feederOfMeter(v.deviceId())
                        .ifPresent(f -> timer.execute(() -> {
                            try {
                                grid.evaluate(f, true);
                            } catch (RuntimeException ex) {
                                LOG.warn("Grid feeder {}: controllers failed: {}", f.id(), ex.toString());
                            }
                        }));
            }
        }
    }

    private void forecast() {
        // A scheduled task that throws is never run again: a failed forecast must not end forecasting.
        try {
            grid.forecastAll();
            report();
        } catch (RuntimeException e) {
            LOG.error("Grid: forecasting the feeders failed; trying again at the next forecast", e);
        }
    }

    /** Tells the telemetry the feeders in use and their latest forecasts. */
    private void report() {
        Map<String, FeederForecast> forecasts = new HashMap<>();
        grid.feeders().forEach(f -> grid.forecast(f.id()).ifPresent(fc -> forecasts.put(f.id(), fc)));
        report.update(grid.feeders(), forecasts, Instant.now());
    }

    private void tick() {
        try {
            reload();
        } catch (IOException | RuntimeException e) {
            LOG.error("Grid: reading {} failed: {}", feederDir, e.toString());
        }
        try {
            grid.evaluateAll();
        } catch (RuntimeException e) {
            LOG.error("Grid: evaluating the feeders' limits failed; trying again in the next period", e);
        }
    }

    private void reload() throws IOException {
        FeederFolder.Loaded loaded = FeederFolder.load(feederDir);
        if (loaded.signature().equals(signature)) {
            return;
        }
        signature = loaded.signature();
        grid.setFeeders(loaded.feeders());
        problems = loaded.problems();
        report();
        problems.forEach(p -> LOG.error("{}", p));
        if (alarms != null) {
            if (problems.isEmpty()) {
                alarms.clear(ALARM_SOURCE, ALARM_TYPE, "every feeder file is in use");
            } else {
                alarms.raise(ALARM_SOURCE, ALARM_TYPE, AlarmSeverity.MAJOR, String.join(" | ", problems));
            }
        }
        LOG.info(
                "Grid feeders from {}: {} in use, {} refused",
                feederDir,
                loaded.feeders().size(),
                problems.size());
        // a feeder added or changed is forecast at once, not at the next quarter hour
        timer.execute(this::forecast);
    }
}
