package org.urbis.grid.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.history.History;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.grid.internal.control.Decision;
import org.urbis.grid.internal.control.ExportLimiter;
import org.urbis.grid.internal.control.MeterCheck;
import org.urbis.grid.internal.control.Order;
import org.urbis.grid.internal.control.PeakLimiter;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.Mode;
import org.urbis.grid.internal.forecast.Series;

/**
 * The site's feeders: their forecasts from the history and the weather, and their peak and export controllers,
 * which look at the transformer meter, decide, and (as the mode allows) send their commands through the command
 * pipeline as the system issuer or keep them for an operator to approve. Free of OSGi: the caller says when to
 * forecast and when to look.
 */
public final class Grid {

    private static final Logger LOG = LoggerFactory.getLogger(Grid.class);

    static final DeviceClass PV = DeviceClass.of("pv");
    static final DeviceClass GRIDMETER = DeviceClass.of("gridmeter");
    static final String ACTIVE_POWER = "activePower";
    /** Whether an inverter's power limit is in force (SunSpec {@code WMaxLim_Ena}). */
    static final String LIMIT_ENABLED = "powerLimitActive";
    /** The pv driver's device option: seconds after which an inverter drops a limit not sent again. */
    static final String REVERT_OPTION = "limitRevertSeconds";
    /** The pv driver's device option: seconds an inverter takes to reach a new limit. */
    static final String RAMP_OPTION = "limitRampSeconds";
    /** Slots forecast: 48 h. */
    public static final int STEPS = 2 * Series.DAY;

    private static final int KEPT_ACTIONS = 200;

    /** A command set an operator may approve. */
    public record Proposal(
            String id, Instant time, Feeder feeder, Decision decision, PeakLimiter.Event event, Instant expires) {}

    private final GridSettings settings;
    private final DeviceRegistry registry;
    private final CommandService commands;
    private final Supplier<PlatformAlarms> alarms;
    private final Clock clock;
    private final ZoneId zone;

    private volatile Map<String, Feeder> feeders = Map.of();
    private final FeederForecasts forecasts;
    private final Map<String, MeterCheck> meters = new ConcurrentHashMap<>();
    private final Map<String, PeakLimiter.Event> events = new ConcurrentHashMap<>();
    /** The limit last commanded per inverter, and when. */
    private final Map<String, Value> commanded = new ConcurrentHashMap<>();
    /** Feeder/controller pairs whose commands are still in the pipeline: no new decision until they are through. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    private final Map<String, Proposal> proposals = new ConcurrentHashMap<>();
    private final Deque<ControllerAction> actions = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long lastEventId;

    public Grid(
            GridSettings settings,
            DeviceRegistry registry,
            Supplier<History> history,
            CommandService commands,
            Supplier<PlatformAlarms> alarms,
            Clock clock,
            ZoneId zone) {
        this.settings = settings;
        this.registry = registry;
        this.commands = commands;
        this.alarms = alarms;
        this.clock = clock;
        this.zone = zone;
        this.forecasts = new FeederForecasts(history, this::inverters, clock, zone);
    }

    public void setFeeders(Collection<Feeder> all) {
        Map<String, Feeder> m = new LinkedHashMap<>();
        all.forEach(f -> m.put(f.id(), f));
        feeders = Map.copyOf(m);
        forecasts.retain(m.keySet());
        meters.keySet().retainAll(m.keySet());
    }

    public Collection<Feeder> feeders() {
        return new TreeMap<>(feeders).values();
    }

    public Optional<Feeder> feeder(String id) {
        return Optional.ofNullable(feeders.get(id));
    }

    /** The feeder whose transformer meter a device is, if any. */
    public Optional<Feeder> feederOfMeter(String deviceId) {
        return feeders.values().stream()
                .filter(f -> f.transformerMeter().equals(deviceId))
                .findFirst();
    }

    public ZoneId zone() {
        return zone;
    }

    // ---- forecasts ----

    public Optional<FeederForecast> forecast(String feeder) {
        return forecasts.latest(feeder);
    }

    /**
     * Forecasts every feeder, on as many threads as the machine has cores (the round is mostly reading the history);
     * one that fails is logged and keeps its last forecast.
     */
    public void forecastAll() {
        forecasts.forecastAll(List.copyOf(feeders.values()), this::warnAhead);
    }

    /** Forecasts a feeder's next 48 h from the history store, and measures its past day-ahead forecasts. */
    public FeederForecast forecast(Feeder f) {
        FeederForecast forecast = forecasts.forecast(f, new ConcurrentHashMap<>());
        warnAhead(f, forecast);
        return forecast;
    }

    /** Raises the feeder's PEAK_AHEAD alarm while its forecast passes its import limit within the warning hours. */
    private void warnAhead(Feeder f, FeederForecast forecast) {
        if (f.peakMode() == Mode.OFF) {
            return;
        }
        int steps = Math.min(STEPS, f.warningHours() * 4);
        for (int i = 0; i < steps; i++) {
            if (forecast.net(i) > f.importLimitKw()) {
                alarm(
                        f,
                        "PEAK_AHEAD",
                        true,
                        String.format(
                                Locale.ROOT,
                                "feeder %s forecast to draw %.1f kW at %s, over its limit %.1f kW",
                                f.id(),
                                forecast.net(i),
                                forecast.load().time(i).atZone(zone).toLocalDateTime(),
                                f.importLimitKw()));
                return;
            }
        }
        alarm(
                f,
                "PEAK_AHEAD",
                false,
                "feeder " + f.id() + " forecast under its import limit for the next " + f.warningHours() + " h");
    }

    // ---- controllers ----

    /** Looks at every feeder and acts as its modes allow. */
    public void evaluateAll() {
        for (Feeder f : feeders.values()) {
            try {
                evaluate(f, true);
            } catch (RuntimeException e) {
                LOG.warn("Grid feeder {}: controllers failed: {}", f.id(), e.toString());
            }
        }
    }

    /**
     * Looks at a feeder's transformer meter and decides. With {@code act}, alarms are raised and cleared, and the
     * decisions are sent (automatic) or kept as proposals (advise); without it nothing changes: a dry run.
     */
    public List<Decision> evaluate(Feeder f, boolean act) {
        Instant now = clock.instant();
        Value reading = registry.snapshot(f.transformerMeter())
                .map(s -> s.values().get(ACTIVE_POWER))
                .orElse(null);
        MeterCheck check = meters.computeIfAbsent(
                f.id(),
                k -> new MeterCheck(settings.frozenAfter(), 20 * Math.max(f.importLimitKw(), f.exportLimitKw())));
        Optional<String> problem = check.problem(reading, now);
        if (problem.isPresent()) {
            String why = "no decision: transformer meter " + f.transformerMeter() + " " + problem.get();
            if (act) {
                alarm(f, "METER_UNTRUSTED", true, "feeder " + f.id() + ": " + why);
            }
            return List.of(
                    new Decision(PeakLimiter.NAME, List.of(), why), new Decision(ExportLimiter.NAME, List.of(), why));
        }
        if (act) {
            alarm(f, "METER_UNTRUSTED", false, "feeder " + f.id() + ": transformer meter readings trusted again");
        }
        double net = ((Number) reading.value()).doubleValue();
        List<DeviceSnapshot> devices = registry.find(new DeviceQuery(null, f.group(), null));
        List<Decision> out = new ArrayList<>();
        if (f.peakMode() != Mode.OFF) {
            out.add(peak(f, net, devices, now, act));
        }
        if (f.exportMode() != Mode.OFF) {
            out.add(export(f, net, devices, act));
        }
        return out;
    }

    private Decision peak(Feeder f, double net, List<DeviceSnapshot> devices, Instant now, boolean act) {
        List<PeakLimiter.Load> loads = new ArrayList<>();
        for (DeviceSnapshot s : devices) {
            if (s.device().deviceClass().equals(GRIDMETER)
                    && !s.device().id().equals(f.transformerMeter())
                    && s.device().point(PeakLimiter.LOAD_CONTROL).isPresent()) {
                loads.add(
                        new PeakLimiter.Load(s.device().id(), number(s.values().get(ACTIVE_POWER), 0)));
            }
        }
        FeederForecast forecast = forecasts.latest(f.id()).orElse(null);
        double next = Double.NaN;
        if (forecast != null) {
            int i = forecast.load().index(now) + 1;
            next = forecast.net(i);
        }
        long id = Math.max(lastEventId + 1, (now.getEpochSecond() / 60) % Integer.MAX_VALUE);
        PeakLimiter.Outcome o = PeakLimiter.decide(f, net, next, loads, events.get(f.id()), id, now);
        if (act) {
            alarm(
                    f,
                    "PEAK_LIMIT",
                    net > f.importLimitKw(),
                    String.format(
                            Locale.ROOT, "feeder %s draws %.1f kW, limit %.1f kW", f.id(), net, f.importLimitKw()));
            if (o.decision().acts()) {
                lastEventId = id;
                carryOut(f, f.peakMode(), o.decision(), o.event());
            } else if (o.event() == null) {
                events.remove(f.id());
            }
        }
        return o.decision();
    }

    private Decision export(Feeder f, double net, List<DeviceSnapshot> devices, boolean act) {
        List<ExportLimiter.Inverter> inverters = new ArrayList<>();
        for (DeviceSnapshot s : devices) {
            if (s.device().deviceClass().equals(PV)) {
                inverters.add(new ExportLimiter.Inverter(
                        s.device().id(), rated(s), Math.max(0, number(s.values().get("acPower"), 0)), limit(s)));
            }
        }
        Decision d = ExportLimiter.decide(f, net, inverters, settling(f, devices));
        if (!d.acts() && f.exportMode() == Mode.AUTOMATIC) {
            d = ExportLimiter.renew(
                    d, inverters.stream().filter(i -> renewalDue(devices, i)).toList());
        }
        if (act) {
            alarm(
                    f,
                    "EXPORT_LIMIT",
                    -net > f.exportLimitKw(),
                    String.format(
                            Locale.ROOT,
                            "feeder %s exports %.1f kW, limit %.1f kW",
                            f.id(),
                            Math.max(0, -net),
                            f.exportLimitKw()));
            if (d.acts()) {
                carryOut(f, f.exportMode(), d, null);
            }
        }
        return d;
    }

    /**
     * The limit an inverter works to: the one last commanded unless the inverter reported a newer one; an inverter
     * whose limit is no longer enabled (its revert timer ran out, or it restarted) works to none, whatever
     * {@code powerLimitPct} still holds.
     */
    private double limit(DeviceSnapshot s) {
        Value reported = s.values().get(ExportLimiter.LIMIT_POINT);
        Value enabled = s.values().get(LIMIT_ENABLED);
        Value ours = commanded.get(s.device().id());
        if (ours != null && !newer(reported, ours) && !newer(enabled, ours)) {
            return ((Number) ours.value()).doubleValue();
        }
        if (enabled != null && enabled.quality() == Quality.GOOD && Boolean.FALSE.equals(enabled.value())) {
            return 100;
        }
        return number(reported, 100);
    }

    private static boolean newer(Value reported, Value ours) {
        return reported != null
                && reported.quality() == Quality.GOOD
                && reported.timestamp().isAfter(ours.timestamp());
    }

    /**
     * Whether a curtailed inverter's limit must be sent again: the pv driver writes {@code limitRevertSeconds} with
     * every limit, after which the inverter drops it by itself (a safety net should the platform fall silent), so a
     * limit still wanted is renewed when half that time has passed.
     */
    private boolean renewalDue(List<DeviceSnapshot> devices, ExportLimiter.Inverter i) {
        Value ours = commanded.get(i.id());
        if (ours == null || i.limitPct() >= 100) {
            return false;
        }
        long revert = devices.stream()
                .filter(s -> s.device().id().equals(i.id()))
                .findFirst()
                .map(s -> s.device().options().getOrDefault(REVERT_OPTION, "0"))
                .map(Grid::seconds)
                .orElse(0L);
        return revert > 0 && !clock.instant().isBefore(ours.timestamp().plusSeconds(revert / 2));
    }

    /**
     * Whether a limit sent to the feeder's inverters may not show in full yet: until their ramp
     * ({@code limitRampSeconds}) has run and the transformer meter and the inverters have each been read twice since.
     */
    private boolean settling(Feeder f, List<DeviceSnapshot> devices) {
        long ramp = 0;
        long poll = 0;
        Instant last = null;
        for (DeviceSnapshot s : devices) {
            boolean inverter = s.device().deviceClass().equals(PV);
            if (!inverter && !s.device().id().equals(f.transformerMeter())) {
                continue;
            }
            if (s.device().pollInterval() != null) {
                poll = Math.max(poll, s.device().pollInterval().toSeconds());
            }
            Value ours = inverter ? commanded.get(s.device().id()) : null;
            if (ours != null) {
                ramp = Math.max(ramp, seconds(s.device().options().getOrDefault(RAMP_OPTION, "0")));
                last = last == null || ours.timestamp().isAfter(last) ? ours.timestamp() : last;
            }
        }
        return last != null && clock.instant().isBefore(last.plusSeconds(ramp + 2 * poll));
    }

    private static long seconds(String option) {
        try {
            return Long.parseLong(option.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double rated(DeviceSnapshot s) {
        double r = number(s.values().get("ratedPower"), Double.NaN);
        if (Double.isNaN(r)) {
            r = Double.parseDouble(s.device().options().getOrDefault("ratedPower", "0"));
        }
        return r;
    }

    private static double number(Value v, double fallback) {
        return v != null && v.quality() == Quality.GOOD && v.value() instanceof Number n ? n.doubleValue() : fallback;
    }

    private List<DeviceSnapshot> inverters(Feeder f) {
        return registry.find(new DeviceQuery(PV, f.group(), null));
    }

    private void carryOut(Feeder f, Mode mode, Decision d, PeakLimiter.Event event) {
        String key = f.id() + "/" + d.controller();
        Instant now = clock.instant();
        if (mode == Mode.ADVISE) {
            String id = "P" + sequence.incrementAndGet();
            proposals
                    .values()
                    .removeIf(p -> p.feeder().id().equals(f.id())
                            && p.decision().controller().equals(d.controller()));
            proposals.put(id, new Proposal(id, now, f, d, event, now.plus(settings.proposalLife())));
            record(new ControllerAction(id, now, f.id(), d.controller(), mode, d.orders(), d.reason(), "proposed"));
            return;
        }
        if (!busy.add(key)) {
            return;
        }
        send(f, d, event, settings.issuer(), null, mode).whenComplete((r, e) -> busy.remove(key));
    }

    /**
     * Sends a decision's orders through the pipeline; the controller's state follows what was confirmed.
     *
     * @param roles the approving operator's roles, or {@code null} for the system issuer's own
     */
    private CompletionStage<List<CommandResult>> send(
            Feeder f, Decision d, PeakLimiter.Event event, String issuer, Set<String> roles, Mode mode) {
        Instant now = clock.instant();
        String prefix =
                "grid:" + f.id() + ":" + d.controller() + ":" + now.toEpochMilli() + "-" + sequence.incrementAndGet();
        ControllerAction action =
                record(new ControllerAction(prefix, now, f.id(), d.controller(), mode, d.orders(), d.reason(), "sent"));
        List<CompletableFuture<CommandResult>> all = new ArrayList<>();
        for (Order o : d.orders()) {
            Command c = new Command(
                    prefix + ":" + o.device(),
                    o.device(),
                    o.point(),
                    o.value(),
                    issuer,
                    "feeder " + f.id() + " " + d.controller() + " limiting: " + d.reason(),
                    now.plus(settings.commandExpiry()),
                    Command.Operation.DIRECT);
            CompletionStage<CommandResult> stage;
            try {
                stage = roles == null ? commands.submit(c) : commands.submit(c, roles);
            } catch (RuntimeException e) {
                stage = CompletableFuture.completedFuture(
                        new CommandResult(c.id(), o.device(), CommandState.REJECTED, e.getMessage(), now, null));
            }
            all.add(stage.toCompletableFuture().thenApply(r -> {
                if (r.state() == CommandState.CONFIRMED || r.state() == CommandState.SENT) {
                    if (o.point().equals(ExportLimiter.LIMIT_POINT)) {
                        commanded.put(o.device(), Value.good(o.point(), o.value(), clock.instant()));
                    }
                }
                return r;
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<CommandResult> results =
                    all.stream().map(CompletableFuture::join).toList();
            boolean any = results.stream()
                    .anyMatch(r -> r.state() == CommandState.CONFIRMED || r.state() == CommandState.SENT);
            if (d.controller().equals(PeakLimiter.NAME) && any) {
                if (event == null) {
                    events.remove(f.id());
                } else {
                    events.put(f.id(), event);
                }
            }
            // the controller may decide again before the outcome shows
            busy.remove(f.id() + "/" + d.controller());
            replace(action, action.withOutcome(summary(results)));
            for (CommandResult r : results) {
                if (r.state() != CommandState.CONFIRMED) {
                    LOG.warn(
                            "Grid feeder {} {}: {} {} {}",
                            f.id(),
                            d.controller(),
                            r.commandId(),
                            r.state(),
                            r.reason());
                }
            }
            return results;
        });
    }

    private static String summary(List<CommandResult> results) {
        Map<CommandState, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder();
        counts.forEach((s, c) ->
                sb.append(sb.length() == 0 ? "" : ", ").append(c).append(' ').append(s));
        results.stream()
                .filter(r -> !r.reason().isEmpty())
                .findFirst()
                .ifPresent(r -> sb.append(" (").append(r.reason()).append(')'));
        return sb.toString();
    }

    // ---- proposals and actions ----

    public List<Proposal> proposals() {
        Instant now = clock.instant();
        proposals.values().removeIf(p -> !now.isBefore(p.expires()));
        return proposals.values().stream()
                .sorted((a, b) -> a.time().compareTo(b.time()))
                .toList();
    }

    /**
     * Sends a proposal's commands on an operator's approval, as that operator with their roles.
     *
     * @throws IllegalArgumentException when there is no such proposal (approved, replaced or expired)
     */
    public CompletionStage<List<CommandResult>> approve(String id, String user, Set<String> roles) {
        proposals();
        Proposal p = proposals.remove(id);
        if (p == null) {
            throw new IllegalArgumentException(
                    "no proposal " + id + " waiting: it was approved, replaced by a newer one, or expired");
        }
        Decision d = new Decision(
                p.decision().controller(),
                p.decision().orders(),
                p.decision().reason() + " (proposal " + id + " approved by " + user + ")");
        return send(p.feeder(), d, p.event(), user, roles, Mode.ADVISE);
    }

    /** The last actions, newest first. */
    public List<ControllerAction> actions() {
        synchronized (actions) {
            return List.copyOf(actions);
        }
    }

    private ControllerAction record(ControllerAction a) {
        synchronized (actions) {
            actions.addFirst(a);
            while (actions.size() > KEPT_ACTIONS) {
                actions.removeLast();
            }
        }
        LOG.info(
                "Grid feeder {} {} ({}): {} {} — {}",
                a.feeder(),
                a.controller(),
                a.mode().word(),
                a.outcome(),
                a.orders(),
                a.reason());
        return a;
    }

    private void replace(ControllerAction before, ControllerAction after) {
        synchronized (actions) {
            List<ControllerAction> list = new ArrayList<>(actions);
            int i = list.indexOf(before);
            if (i >= 0) {
                list.set(i, after);
                actions.clear();
                actions.addAll(list);
            }
        }
    }

    /** The peak limiting event running on a feeder, if any. */
    public Optional<PeakLimiter.Event> event(String feeder) {
        return Optional.ofNullable(events.get(feeder));
    }

    private void alarm(Feeder f, String type, boolean raise, String message) {
        PlatformAlarms a = alarms.get();
        if (a == null) {
            return;
        }
        if (raise) {
            a.raise(
                    "grid:" + f.id(),
                    type,
                    type.equals("METER_UNTRUSTED") ? AlarmSeverity.MAJOR : AlarmSeverity.WARNING,
                    message);
        } else {
            a.clear("grid:" + f.id(), type, message);
        }
    }
}
