package org.urbis.irrigation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmState;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.irrigation.internal.program.Program;

/**
 * The safety rules of irrigation controllers, for every source of commands (programs, operators, the operations
 * centre). Starting a zone ({@code zone<N>.run} above 0 s, or {@code zone<N>.open} true) is refused
 * <ul>
 * <li>while the controller's {@code MAINLINE_BREAK} alarm holds (raised or acknowledged): its supply was shut
 * because water flowed with every valve shut, and stays shut until the break is repaired and the alarm clears;</li>
 * <li>when, with the zones already open on the controller's water main (its {@code water-main} tag), it would draw
 * more than the main's flow budget (the smallest the programs give it). A zone's flow is the one its program
 * gives, else its measured {@code zone<N>.flow}; a zone whose own flow is not known is not held back.</li>
 * </ul>
 * Stopping a zone is always allowed. A zone counts as open from the moment this interlock lets it start (the
 * next read may come later) until its run's end or until a read well after the start, which tells from then on;
 * a zone whose run ends within {@link #HANDOVER} is not counted, so that runs laid out back to back hand over.
 */
@Component(service = Interlock.class)
public final class IrrigationInterlock implements Interlock {

    static final String MAINLINE_BREAK = "MAINLINE_BREAK";
    /** A zone whose run ends within this is not counted against its main's budget. */
    static final Duration HANDOVER = Duration.ofSeconds(10);
    /** How long after a start a read showing the zone shut is believed: the command takes a moment to arrive. */
    static final Duration START_SETTLING = Duration.ofSeconds(15);

    private static final Pattern ZONE = Pattern.compile("zone([1-9][0-9]{0,2})\\.(run|open|remaining|flow)");

    private final DeviceRegistry registry;
    private final Supplier<List<Program>> programs;
    private final Clock clock;
    /** The starts let through, by zone key, until their end. */
    private final Map<String, Start> started = new ConcurrentHashMap<>();

    /** A start let through: when, until when, on which main. */
    private record Start(Instant at, Instant until, String main) {}

    /**
     * The programs' flow budgets, when the irrigation service is there. Optional and dynamic because
     * the service issues its runs through the command pipeline, which consults this interlock: a
     * mandatory reference would be a cycle. Without it, only the mainline-break check applies.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile IrrigationService service;

    @Activate
    public IrrigationInterlock(@Reference DeviceRegistry registry) {
        this.registry = registry;
        this.programs = () -> {
            IrrigationService s = service;
            return s == null ? List.of() : s.irrigation().programs();
        };
        this.clock = Clock.systemUTC();
    }

    IrrigationInterlock(DeviceRegistry registry, Supplier<List<Program>> programs, Clock clock) {
        this.registry = registry;
        this.programs = programs;
        this.clock = clock;
    }

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.IRRIGATION;
    }

    @Override
    public Optional<String> check(Device device, Point point, Object setpoint, DeviceSnapshot current) {
        Matcher m = ZONE.matcher(point.role());
        if (!m.matches() || m.group(2).equals("remaining") || m.group(2).equals("flow")) {
            return Optional.empty();
        }
        int zone = Integer.parseInt(m.group(1));
        String key = device.id() + "/" + zone;
        long seconds = m.group(2).equals("run") ? (setpoint instanceof Number n ? n.longValue() : 0) : -1;
        boolean starting = m.group(2).equals("run") ? seconds > 0 : Boolean.TRUE.equals(setpoint);
        if (!starting) {
            started.remove(key);
            return Optional.empty();
        }
        Optional<String> hold = hold(registry, device.id());
        if (hold.isPresent()) {
            return Optional.of("zone " + zone + " of " + device.id() + " is not started: " + hold.get());
        }
        String main = device.tags().get("water-main");
        Instant now = clock.instant();
        Instant until = seconds > 0 ? now.plusSeconds(seconds) : Instant.MAX;
        Double budget = main == null ? null : budget(main);
        Double flow = flow(device, zone, current.values());
        if (budget == null || flow == null) {
            started.put(key, new Start(now, until, main));
            return Optional.empty();
        }
        List<String> open = new ArrayList<>();
        double drawn = 0;
        for (DeviceSnapshot s : registry.find(new DeviceQuery(null, "water-main=" + main, null))) {
            for (int z : zones(s.device())) {
                String other = s.device().id() + "/" + z;
                if (!other.equals(key) && open(s, z, now)) {
                    Double f = flow(s.device(), z, s.values());
                    drawn += f == null ? 0 : f;
                    open.add(other);
                }
            }
        }
        for (Map.Entry<String, Start> e : started.entrySet()) {
            Start st = e.getValue();
            if (!e.getKey().equals(key)
                    && main.equals(st.main())
                    && !open.contains(e.getKey())
                    && st.until().isAfter(now.plus(HANDOVER))
                    && !readSince(e.getKey(), st)) {
                int slash = e.getKey().lastIndexOf('/');
                Optional<DeviceSnapshot> s = registry.snapshot(e.getKey().substring(0, slash));
                Double f = s.map(x ->
                                flow(x.device(), Integer.parseInt(e.getKey().substring(slash + 1)), x.values()))
                        .orElse(null);
                drawn += f == null ? 0 : f;
                open.add(e.getKey());
            }
        }
        if (drawn + flow > budget + 1e-9) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "zone %d of %s (%.0f l/min) is not started: with the %d zone(s) open on water "
                            + "main %s (%s, %.0f l/min) it would draw %.0f l/min, more than the main's flow budget of %.0f l/min",
                    zone,
                    device.id(),
                    flow,
                    open.size(),
                    main,
                    String.join(", ", open),
                    drawn,
                    drawn + flow,
                    budget));
        }
        started.put(key, new Start(now, until, main));
        started.values().removeIf(st -> !st.until().isAfter(now));
        return Optional.empty();
    }

    /** Why no zone of a controller may start now (its mainline break), if so. */
    static Optional<String> hold(DeviceRegistry registry, String controller) {
        for (Alarm a : registry.activeAlarms()) {
            if (a.deviceId().equals(controller) && a.type().equals(MAINLINE_BREAK) && a.state() != AlarmState.CLEARED) {
                return Optional.of(controller + " reports a mainline break since " + a.raisedAt() + " (" + a.message()
                        + "); its water stays off until the break is repaired and the alarm clears");
            }
        }
        return Optional.empty();
    }

    /** The smallest flow budget the programs give a main, or null when none gives one. */
    private Double budget(String main) {
        Double budget = null;
        for (Program p : programs.get()) {
            Double b = p.flowBudgets().get(main);
            if (b != null && (budget == null || b < budget)) {
                budget = b;
            }
        }
        return budget;
    }

    /** A zone's flow: its program's, else its measured flow; null when neither is known. */
    private Double flow(Device device, int zone, Map<String, Value> values) {
        for (Program p : programs.get()) {
            for (Program.Zone z : p.zones()) {
                if (z.number() == zone && z.controller().equals(device.id()) && z.flow() > 0) {
                    return z.flow();
                }
            }
        }
        Double measured = number(device, "zone" + zone + ".flow", values);
        return measured != null && measured > 0 ? measured : null;
    }

    /** Whether the last reads show a zone open beyond the handover (its remaining time counted from the read). */
    private boolean open(DeviceSnapshot s, int zone, Instant now) {
        Value open = value(s.device(), "zone" + zone + ".open", s.values());
        if (open == null || !Boolean.TRUE.equals(open.value())) {
            return false;
        }
        Value remaining = value(s.device(), "zone" + zone + ".remaining", s.values());
        return remaining == null
                || !(remaining.value() instanceof Number r)
                || remaining.timestamp().plusSeconds(r.longValue()).isAfter(now.plus(HANDOVER));
    }

    /**
     * Whether the zone was read well after its start: from then on its reads tell whether it is open (the start may
     * have failed, or the zone been stopped at the controller).
     */
    private boolean readSince(String key, Start st) {
        int slash = key.lastIndexOf('/');
        Optional<DeviceSnapshot> s = registry.snapshot(key.substring(0, slash));
        Value open = s.map(x -> value(x.device(), "zone" + key.substring(slash + 1) + ".open", x.values()))
                .orElse(null);
        return open != null && open.timestamp().isAfter(st.at().plus(START_SETTLING));
    }

    private static List<Integer> zones(Device device) {
        List<Integer> zones = new ArrayList<>();
        for (Point p : device.points()) {
            Matcher m = ZONE.matcher(p.role());
            if (m.matches() && m.group(2).equals("open")) {
                zones.add(Integer.parseInt(m.group(1)));
            }
        }
        return zones;
    }

    private static Value value(Device device, String role, Map<String, Value> values) {
        Value v = device.pointWithRole(role).map(p -> values.get(p.name())).orElse(null);
        return v != null && v.quality() == Quality.GOOD && v.hasValue() ? v : null;
    }

    private static Double number(Device device, String role, Map<String, Value> values) {
        Value v = value(device, role, values);
        return v != null && v.value() instanceof Number n ? n.doubleValue() : null;
    }
}
