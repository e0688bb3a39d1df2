package org.urbis.control.internal.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;

/**
 * Runs the schedules: at each switching event of a group it submits the level through the command
 * pipeline as issuer {@value #ISSUER}, to the group's {@code dim} point and its {@code switch}
 * (on for a level above 0, off for 0). A manual override holds a level until a given time or the
 * group's next step. At start the level that should hold now is applied again. Each group's
 * program of the day is pushed to the luminaires' {@code program} point when the devices have one.
 *
 * <p>Command ids are deterministic: {@code schedule/<group>/<cause>/dim} where the cause is the
 * event's instant and level, so a repeat of the same event is de-duplicated by the pipeline, also
 * across a restart. Re-applying at start, and resuming after an override, are new commands with
 * the start instant or the override named in their id.
 *
 * <p>{@link #tick()} does the work due now and tells when it is next due; the owner calls it then,
 * with the {@link Timer} given, and tests call it after moving their clock.
 */
public final class ScheduleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleEngine.class);

    public static final String ISSUER = "scheduler";
    static final Duration EXPIRY = Duration.ofMinutes(5);
    /** Longest pause between ticks, so a changed inventory or clock is noticed. */
    static final Duration MAX_SLEEP = Duration.ofMinutes(5);

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    static final int MAX_RETRIES = 30;

    /** Runs a task after a delay; returns what cancels it. */
    public interface Timer {
        Runnable schedule(Duration delay, Runnable task);
    }

    private final ScheduleStore store;
    private final CommandService commands;
    private final DeviceRegistry registry;
    private final Timeline timeline;
    private final Clock clock;
    private final Timer timer;
    private final Map<String, Schedule> byGroup = new TreeMap<>();
    private final Map<String, ManualOverride> overrides = new TreeMap<>();
    /** Per group, the cause of the level last submitted. */
    private final Map<String, String> applied = new HashMap<>();
    /** Per group, the node program last pushed with its date. */
    private final Map<String, String> pushed = new HashMap<>();

    private Instant startedAt;
    private Runnable pending = () -> {};
    private boolean stopped;

    public ScheduleEngine(
            ScheduleStore store,
            CommandService commands,
            DeviceRegistry registry,
            Timeline timeline,
            Clock clock,
            Timer timer) {
        this.store = store;
        this.commands = commands;
        this.registry = registry;
        this.timeline = timeline;
        this.clock = clock;
        this.timer = timer;
    }

    /** Loads the stored schedules and overrides, pushes programs and applies what should hold now. */
    public synchronized void start() throws IOException {
        startedAt = clock.instant();
        for (Schedule s : store.load()) {
            if (byGroup.containsKey(s.group())) {
                LOG.error(
                        "Schedule {} is not used: group {} already has schedule {}",
                        s.id(),
                        s.group(),
                        byGroup.get(s.group()).id());
                continue;
            }
            byGroup.put(s.group(), s);
        }
        store.loadOverrides().forEach(o -> overrides.put(o.group(), o));
        LOG.info(
                "{} schedule(s) and {} override(s) loaded from {}",
                byGroup.size(),
                overrides.size(),
                store.directory());
        wake();
    }

    public synchronized void stop() {
        stopped = true;
        pending.run();
    }

    public Timeline timeline() {
        return timeline;
    }

    public synchronized List<Schedule> schedules() {
        return byGroup.values().stream()
                .sorted(java.util.Comparator.comparing(Schedule::id))
                .toList();
    }

    public synchronized Optional<Schedule> forGroup(String group) {
        return Optional.ofNullable(byGroup.get(group));
    }

    public synchronized List<ManualOverride> overrides() {
        return List.copyOf(overrides.values());
    }

    /**
     * Stores a schedule (replacing the one of the same id), pushes its program and applies its
     * level. Refused when another schedule already drives its group.
     */
    public synchronized void save(Schedule schedule) throws IOException {
        Schedule other = byGroup.get(schedule.group());
        if (other != null && !other.id().equals(schedule.id())) {
            throw new ScheduleException(
                    schedule.id(),
                    List.of("group " + schedule.group() + " already has schedule '" + other.id()
                            + "'; one group, one schedule"));
        }
        store.save(schedule);
        byGroup.values().removeIf(s -> s.id().equals(schedule.id()));
        byGroup.put(schedule.group(), schedule);
        pushed.remove(schedule.group());
        LOG.info("Schedule {} saved for group {}", schedule.id(), schedule.group());
        wake();
    }

    public synchronized boolean remove(String id) throws IOException {
        boolean removed = store.remove(id);
        removed |= byGroup.values().removeIf(s -> s.id().equals(id));
        return removed;
    }

    /** The switching events of a group's schedule from one local date to another, inclusive. */
    public List<SwitchEvent> preview(String group, LocalDate from, LocalDate to) {
        Schedule s = forGroup(group).orElseThrow(() -> new IllegalArgumentException("no schedule for group " + group));
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the preview ends (" + to + ") before it starts (" + from + ")");
        }
        return timeline.between(s, from, to);
    }

    /**
     * Holds a group at a level until a time, or when {@code until} is {@code null} until the group's
     * next program step; then its schedule resumes.
     */
    public synchronized ManualOverride override(String group, int level, Instant until, String by) throws IOException {
        Schedule s = byGroup.get(group);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no schedule for group " + group + "; override a scheduled group, or send " + "a command");
        }
        if (level < 0 || level > 100) {
            throw new IllegalArgumentException("level " + level + " is out of range 0-100");
        }
        Instant now = clock.instant();
        if (until == null) {
            until = timeline.next(s, now)
                    .map(e -> e.time().toInstant())
                    .orElseThrow(
                            () -> new IllegalArgumentException("group " + group + " has no next step; give --until"));
        } else if (!until.isAfter(now)) {
            throw new IllegalArgumentException("--until " + until + " is not in the future");
        }
        ManualOverride o = new ManualOverride(group, level, now, until, by);
        overrides.put(group, o);
        store.saveOverrides(overrides.values());
        LOG.info("Group {} held at {} % until {} by {}", group, level, until, by);
        wake();
        return o;
    }

    /** Ends a group's override now, so that its schedule resumes; returns whether there was one. */
    public synchronized boolean clearOverride(String group) throws IOException {
        if (overrides.remove(group) == null) {
            return false;
        }
        store.saveOverrides(overrides.values());
        LOG.info("Override of group {} ended early", group);
        wake();
        return true;
    }

    /** Applies what is due now and returns when the next thing is due. */
    public synchronized Instant tick() {
        Instant now = clock.instant();
        Instant next = now.plus(MAX_SLEEP);
        boolean overridesChanged = false;
        for (Schedule s : byGroup.values()) {
            String group = s.group();
            ManualOverride o = overrides.get(group);
            if (o != null && !now.isBefore(o.until())) {
                overrides.remove(group);
                overridesChanged = true;
                o = null;
            }
            try {
                pushProgram(s, now);
            } catch (RuntimeException e) {
                LOG.warn("Program of group {} not pushed: {}", group, e.toString());
            }
            String cause;
            int level;
            String reason;
            if (o != null) {
                cause = "override@" + o.from();
                level = o.level();
                reason = "override by " + o.by() + " until " + o.until();
                next = min(next, o.until());
            } else {
                Optional<SwitchEvent> e = timeline.inForce(s, now);
                if (e.isEmpty()) {
                    continue;
                }
                cause = "step@" + e.get().time().toInstant() + "=" + e.get().level();
                level = e.get().level();
                reason = "schedule " + s.id() + " program " + e.get().program() + " step "
                        + e.get().step();
            }
            String before = applied.get(group);
            if (cause.equals(before)) {
                continue;
            }
            String id = "schedule/" + group + "/" + cause;
            if (before == null) {
                id += "/restart@" + startedAt;
                reason += " (applied again at start)";
            } else if (before.startsWith("override@") && !cause.startsWith("override@")) {
                id += "/after/" + before;
                reason += " (override ended)";
            }
            applied.put(group, cause);
            submit(group, cause, id, level, reason, now);
        }
        for (Schedule s : byGroup.values()) {
            Optional<SwitchEvent> e = timeline.next(s, now);
            if (e.isPresent()) {
                next = min(next, e.get().time().toInstant());
            }
        }
        Instant midnight = now.atZone(timeline.site().zone())
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(timeline.site().zone())
                .toInstant();
        next = min(next, midnight);
        if (overridesChanged) {
            try {
                store.saveOverrides(overrides.values());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next;
    }

    private void submit(String group, String cause, String id, int level, String reason, Instant now) {
        Instant expiry = now.plus(EXPIRY);
        BooleanSupplier stillApplies = () -> cause.equals(applied.get(group));
        send(
                new Command(
                        id + "/dim",
                        Command.GROUP_PREFIX + group,
                        "dim",
                        (double) level,
                        ISSUER,
                        reason,
                        expiry,
                        Command.Operation.DIRECT),
                0,
                stillApplies);
        send(
                new Command(
                        id + "/switch",
                        Command.GROUP_PREFIX + group,
                        "switch",
                        level > 0,
                        ISSUER,
                        reason,
                        expiry,
                        Command.Operation.DIRECT),
                0,
                stillApplies);
    }

    /**
     * Submits. While the level still applies, what did not take is sent again: the whole command
     * when the pipeline refused it for the issuer's rate, and each device that could not confirm
     * it (not connected yet after a restart, offline, too slow) on its own, under ids of their own.
     *
     * @param stillWanted whether the command still matters (checked under this engine's lock)
     */
    private void send(Command command, int attempt, BooleanSupplier stillWanted) {
        commands.submit(command).whenComplete((r, error) -> {
            if (error != null) {
                LOG.warn("Schedule command {} failed: {}", command.id(), error.toString());
                return;
            }
            List<String> again = retryTargets(r);
            if (!again.isEmpty() && attempt < MAX_RETRIES) {
                timer.schedule(RETRY_AFTER, () -> {
                    synchronized (this) {
                        if (stopped
                                || !stillWanted.getAsBoolean()
                                || !clock.instant().isBefore(command.expiry())) {
                            return;
                        }
                    }
                    for (String target : again) {
                        send(retry(command, target, attempt + 1), attempt + 1, stillWanted);
                    }
                });
            } else if (r.state() != CommandState.CONFIRMED) {
                log(r);
            }
        });
    }

    private static List<String> retryTargets(CommandResult r) {
        if (r.perDevice().isEmpty()) {
            return transientFailure(r) ? List.of(r.deviceId()) : List.of();
        }
        return r.perDevice().stream()
                .filter(ScheduleEngine::transientFailure)
                .map(CommandResult::deviceId)
                .toList();
    }

    private static boolean transientFailure(CommandResult r) {
        return r.state() == CommandState.FAILED
                || r.state() == CommandState.TIMED_OUT
                || r.state() == CommandState.REJECTED && r.reason().startsWith("RATE_LIMITED");
    }

    /** The same command again, to {@code target}; the id says which attempt and, for one device, which device. */
    private static Command retry(Command command, String target, int attempt) {
        String base = command.id().replaceFirst("/retry\\d+(/.*)?$", "");
        String id = base + "/retry" + attempt + (target.startsWith(Command.GROUP_PREFIX) ? "" : "/" + target);
        return new Command(
                id,
                target,
                command.point(),
                command.value(),
                command.issuer(),
                command.reason(),
                command.expiry(),
                command.operation());
    }

    private static void log(CommandResult r) {
        if (r.state() == CommandState.REJECTED && r.reason().startsWith("DUPLICATE")) {
            LOG.debug("Schedule command {} was sent before", r.commandId());
        } else {
            LOG.info("Schedule command {}: {} {}", r.commandId(), r.state(), r.reason());
        }
    }

    /** Pushes the day's node program to a group that has {@code program} points, when it changed. */
    private void pushProgram(Schedule s, Instant now) {
        String group = s.group();
        List<DeviceSnapshot> members = registry.find(new DeviceQuery(null, group, null));
        boolean programmable = members.stream()
                .anyMatch(d -> d.device()
                        .point("program")
                        .map(Point::access)
                        .filter(a -> a.writable())
                        .isPresent());
        if (!programmable) {
            return;
        }
        LocalDate today = now.atZone(timeline.site().zone()).toLocalDate();
        Optional<String> json = NodeProgram.of(s, today, timeline);
        if (json.isEmpty() || json.get().equals(pushed.get(group))) {
            return;
        }
        pushed.put(group, json.get());
        String hash = HexFormat.of().formatHex(sha256(json.get())).substring(0, 12);
        String id = "program/" + group + "/" + today + "/" + hash;
        String program = json.get();
        send(
                new Command(
                        id,
                        Command.GROUP_PREFIX + group,
                        "program",
                        program,
                        ISSUER,
                        "schedule " + s.id() + " program for " + today,
                        now.plus(EXPIRY),
                        Command.Operation.DIRECT),
                0,
                () -> program.equals(pushed.get(group)));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ticks now and again when next due. */
    private void wake() {
        if (stopped) {
            return;
        }
        pending.run();
        Instant next;
        try {
            next = tick();
        } catch (RuntimeException e) {
            LOG.error("Schedule tick failed; trying again shortly", e);
            next = clock.instant().plus(Duration.ofSeconds(30));
        }
        Duration delay = Duration.between(clock.instant(), next);
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        pending = timer.schedule(delay, () -> {
            synchronized (this) {
                wake();
            }
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The group's applied causes, for tests and the shell. */
    synchronized Map<String, String> applied() {
        return new LinkedHashMap<>(applied);
    }
}
