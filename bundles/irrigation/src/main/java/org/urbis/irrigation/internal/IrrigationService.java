package org.urbis.irrigation.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.api.irrigation.ProgramPreview;
import org.urbis.api.irrigation.ProgramSummary;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.irrigation.internal.balance.WaterBalance;
import org.urbis.irrigation.internal.program.MissedRun;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Program;
import org.urbis.irrigation.internal.weather.Et0Day;
import org.urbis.irrigation.internal.weather.WeatherDay;

/**
 * Central irrigation on the runtime: reads the program files, gathers the weather stations' days from their live
 * values, closes every zone's water balance at local midnight, plans the day and has its runs started through
 * the command pipeline; keeps the balances and the stations' open days in a small file so that a restart carries on.
 */
@Component(
        service = {IrrigationService.class, IrrigationPrograms.class},
        configurationPid = IrrigationConfig.PID,
        immediate = true)
@Designate(ocd = IrrigationConfig.class)
public final class IrrigationService implements IrrigationPrograms {

    private static final Logger LOG = LoggerFactory.getLogger(IrrigationService.class);
    static final DeviceClass WEATHER = DeviceClass.of("weather");
    private static final String ALARM_SOURCE = "irrigation";
    private static final String ALARM_TYPE = "PROGRAM_REFUSED";

    private final DeviceRegistry registry;
    private final CommandService commands;
    private final PlatformAlarms alarms;
    private final Clock clock = Clock.systemUTC();
    private final ZoneId zone;
    private final Path programDir;
    private final BalanceStore store;
    private final Irrigation irrigation;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final Subscription subscription;
    /** Per weather station, the day being gathered; guarded by itself. */
    private final Map<String, WeatherDay> weather = new HashMap<>();

    private final Map<String, Et0Day> closedDays = new HashMap<>();
    /** Today's runs that were skipped when due or refused, for the preview; guarded by itself. */
    private final List<MissedRun> missedToday = new ArrayList<>();

    private LocalDate missedDay;
    private volatile LocalDate today;
    private volatile String signature = "";
    private volatile List<String> problems = List.of();
    private volatile boolean dirty;
    /** Whether a station's reading came since the last save, and when that was. */
    private volatile boolean weatherRead;

    private volatile Instant saved = Instant.EPOCH;
    /** A station's readings are kept at least this often: a restart loses no more of its day. */
    static final Duration WEATHER_SAVE_INTERVAL = Duration.ofMinutes(1);

    @Activate
    public IrrigationService(
            @Reference DeviceRegistry registry,
            @Reference CommandService commands,
            @Reference EventStream events,
            @Reference SiteZone site,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) PlatformAlarms alarms,
            IrrigationConfig config,
            BundleContext context)
            throws IOException {
        this.registry = registry;
        this.commands = commands;
        this.alarms = alarms;
        this.zone = site.zone();
        this.programDir = config.programs_directory().isBlank()
                ? Path.of(property(context, "karaf.etc", "etc"), "urbis", "irrigation")
                : Path.of(config.programs_directory());
        this.store = new BalanceStore(
                config.balances_file().isBlank()
                        ? Path.of(property(context, "karaf.data", "data"), "urbis", "irrigation", "balances.json")
                        : Path.of(config.balances_file()));
        this.irrigation = new Irrigation(zone, new LiveConditions());
        Map<String, WeatherDay> open = store.load(irrigation);
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-irrigation"));
        this.dispatcher = new Dispatcher(
                commands,
                irrigation,
                config.issuer(),
                Duration.ofSeconds(config.run_expirySeconds()),
                clock,
                timer,
                this::dispatched);
        LocalDate now = LocalDate.now(clock.withZone(zone));
        // The stations' days the runtime stopped in: today's go on gathering, yesterday's are closed now with what
        // they read; older ones are too old to say anything about a day.
        open.values().removeIf(w -> !w.date().equals(now) && !w.date().equals(now.minusDays(1)));
        weather.putAll(open);
        this.today = open.values().stream()
                .map(WeatherDay::date)
                .min(LocalDate::compareTo)
                .orElse(now);
        reload();
        irrigation.closeDay(today.minusDays(1), station -> null);
        closeDays(now);
        save();
        dispatcher.schedule(irrigation.plan(today));
        this.subscription = events.subscribe(
                "irrigation", this::onEvents, SubscriptionOptions.lossless().only(ValueChanged.class));
        timer.scheduleWithFixedDelay(this::tick, 10, 10, TimeUnit.SECONDS);
        LOG.info(
                "Irrigation ready: {} program(s) from {}, balances in {}",
                irrigation.programs().size(),
                programDir,
                store.file());
    }

    private static String property(BundleContext context, String name, String fallback) {
        String v = context == null ? null : context.getProperty(name);
        return v != null ? v : System.getProperty(name, fallback);
    }

    @Deactivate
    void deactivate() {
        subscription.close();
        timer.shutdownNow();
        save();
    }

    public Irrigation irrigation() {
        return irrigation;
    }

    @Override
    public LocalDate today() {
        return today;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Files refused at the last reading of the program folder. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public List<ProgramSummary> programs() {
        return irrigation.programs().stream()
                .map(Previews::summary)
                .sorted(java.util.Comparator.comparing(ProgramSummary::id))
                .toList();
    }

    @Override
    public ProgramPreview preview(String programId, LocalDate from, LocalDate to) {
        List<MissedRun> missed;
        synchronized (missedToday) {
            missed = today.equals(missedDay) ? List.copyOf(missedToday) : List.of();
        }
        return Previews.preview(irrigation, today, programId, from, to, et0SoFar(programId), missed);
    }

    /** Keeps today's runs that did not start when due (skipped by the field's conditions, refused by the interlock). */
    private void dispatched(PlannedRun run, CommandResult result) {
        dirty = true;
        if (result.state() == CommandState.CONFIRMED || result.state() == CommandState.SENT) {
            return;
        }
        synchronized (missedToday) {
            if (!today.equals(missedDay)) {
                missedToday.clear();
                missedDay = today;
            }
            missedToday.add(MissedRun.whenDue(run, result));
        }
    }

    /** Hargreaves' ET0 from a program's station's readings so far today; empty before a temperature range. */
    public OptionalDouble et0SoFar(String programId) {
        Optional<Program> p = irrigation.program(programId);
        if (p.isEmpty()) {
            return OptionalDouble.empty();
        }
        synchronized (weather) {
            WeatherDay day = weather.get(p.get().station());
            return day == null
                    ? OptionalDouble.empty()
                    : day.hargreavesSoFar(p.get().latitude());
        }
    }

    /** The last day a station closed: its ET0, how it was found, and its rain. */
    public Optional<Et0Day> lastClosed(String station) {
        synchronized (weather) {
            return Optional.ofNullable(closedDays.get(station));
        }
    }

    @Override
    public CompletionStage<CommandResult> manualRun(
            String controller,
            int zoneNumber,
            double minutes,
            boolean bypass,
            String issuer,
            Set<String> roles,
            String reason) {
        WaterBalance.Need need = irrigation.manual(controller, zoneNumber, minutes, bypass, today);
        Instant now = clock.instant();
        Command command = new Command(
                "irrigation-manual:" + controller + ":" + zoneNumber + ":" + now.toEpochMilli(),
                controller,
                "zone" + zoneNumber + ".run",
                need.seconds(),
                issuer,
                (reason == null || reason.isBlank() ? "" : reason + "; ") + need.why(),
                now.plusSeconds(60),
                Command.Operation.DIRECT);
        LocalDate day = today;
        return commands.submit(command, roles).thenApply(r -> {
            if (r.state() == CommandState.CONFIRMED || r.state() == CommandState.SENT) {
                irrigation.credit(controller, zoneNumber, need.seconds(), day);
                dirty = true;
            }
            return r;
        });
    }

    private void onEvents(List<DeviceEvent> events) {
        synchronized (weather) {
            for (DeviceEvent e : events) {
                if (e instanceof ValueChanged v
                        && v.value().quality() == Quality.GOOD
                        && v.value().value() instanceof Number n) {
                    WeatherDay day = weather.get(v.deviceId());
                    if (day == null) {
                        if (!registry.snapshot(v.deviceId())
                                .map(s -> s.device().deviceClass().equals(WEATHER))
                                .orElse(false)) {
                            continue;
                        }
                        day = new WeatherDay(
                                today,
                                today.atStartOfDay(zone).toInstant(),
                                today.plusDays(1).atStartOfDay(zone).toInstant());
                        weather.put(v.deviceId(), day);
                    }
                    day.add(v.value().point(), n.doubleValue(), v.value().timestamp());
                    weatherRead = true;
                }
            }
        }
    }

    /** Every few seconds: a new local day closes the last one; changed program files are read again. */
    private void tick() {
        try {
            LocalDate now = LocalDate.now(clock.withZone(zone));
            boolean replan = false;
            if (now.isAfter(today)) {
                closeDays(now);
                replan = true;
            }
            String before = signature;
            reload();
            if (replan || !before.equals(signature)) {
                dispatcher.schedule(irrigation.plan(today));
            }
            if (dirty || replan || weatherRead && clock.instant().isAfter(saved.plus(WEATHER_SAVE_INTERVAL))) {
                save();
            }
        } catch (RuntimeException | IOException e) {
            LOG.error("Irrigation tick failed", e);
        }
    }

    private void closeDays(LocalDate now) {
        while (today.isBefore(now)) {
            LocalDate day = today;
            Map<String, Et0Day> days = new HashMap<>();
            synchronized (weather) {
                for (Map.Entry<String, WeatherDay> e : weather.entrySet()) {
                    WeatherDay w = e.getValue();
                    if (!w.date().equals(day)) {
                        continue;
                    }
                    Program p = irrigation.programs().stream()
                            .filter(x -> x.station().equals(e.getKey()))
                            .findFirst()
                            .orElse(null);
                    double windHeight = registry.snapshot(e.getKey())
                            .map(DeviceSnapshot::device)
                            .map(d -> d.options().getOrDefault("windHeight", "2"))
                            .map(Double::parseDouble)
                            .orElse(2.0);
                    if (p != null) {
                        Et0Day closed = w.close(p.latitude(), p.elevation(), windHeight);
                        days.put(e.getKey(), closed);
                        closedDays.put(e.getKey(), closed);
                        LOG.info(
                                "Weather station {} on {}: ET0 {} mm by {}, rain {} mm",
                                e.getKey(),
                                day,
                                closed.et0(),
                                closed.method(),
                                closed.rain());
                    }
                    e.setValue(w.next(day.plusDays(2).atStartOfDay(zone).toInstant()));
                }
            }
            irrigation.closeDay(day, days::get);
            today = day.plusDays(1);
        }
    }

    private void reload() throws IOException {
        ProgramFolder.Loaded loaded = ProgramFolder.load(programDir);
        if (loaded.signature().equals(signature)) {
            return;
        }
        signature = loaded.signature();
        irrigation.setPrograms(loaded.programs(), today.minusDays(1));
        problems = loaded.problems();
        for (String p : problems) {
            LOG.error("{}", p);
        }
        if (alarms != null) {
            if (problems.isEmpty()) {
                alarms.clear(ALARM_SOURCE, ALARM_TYPE, "every irrigation program file is in use");
            } else {
                alarms.raise(ALARM_SOURCE, ALARM_TYPE, AlarmSeverity.MAJOR, String.join(" | ", problems));
            }
        }
        LOG.info(
                "Irrigation programs from {}: {} in use, {} refused",
                programDir,
                loaded.programs().size(),
                problems.size());
    }

    private void save() {
        try {
            weatherRead = false;
            synchronized (weather) {
                store.save(irrigation, weather);
            }
            dirty = false;
            saved = clock.instant();
        } catch (IOException e) {
            LOG.error("Irrigation balances not saved to {}: {}", store.file(), e.toString());
        }
    }

    /** What the inventory's live values say about controllers and sensors. */
    private final class LiveConditions implements Irrigation.Conditions {

        private Optional<Value> value(String device, String point) {
            return registry.snapshot(device).map(s -> s.values().get(point)).filter(v -> v.quality() == Quality.GOOD);
        }

        @Override
        public Optional<Boolean> rainSensor(String controller) {
            return value(controller, "rainSensor").map(v -> Boolean.TRUE.equals(v.value()));
        }

        @Override
        public double controllerRainDelayHours(String controller) {
            return value(controller, "rainDelayHours")
                    .map(v -> v.value() instanceof Number n ? n.doubleValue() : 0.0)
                    .orElse(0.0);
        }

        @Override
        public OptionalDouble reading(String device, String point) {
            return value(device, point)
                    .filter(v -> v.value() instanceof Number)
                    .map(v -> OptionalDouble.of(((Number) v.value()).doubleValue()))
                    .orElse(OptionalDouble.empty());
        }

        @Override
        public String waterMain(String controller) {
            return registry.snapshot(controller)
                    .map(s -> s.device().tags().get("water-main"))
                    .orElse(null);
        }

        @Override
        public Optional<String> interlockHold(String controller) {
            return IrrigationInterlock.hold(registry, controller);
        }
    }
}
