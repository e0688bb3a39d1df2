package org.urbis.irrigation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.program.Program;

/**
 * Starts the day's planned runs when they are due: each one a command {@code zone<N>.run} = seconds through the
 * command pipeline, as the system issuer, with the reason for its length; the pipeline audits it. A zone whose
 * controller reports rain (or its program's other skips) when the run is due is not started. The water of a run
 * the controller took is credited to the zone's balance.
 *
 * <p>A run's command id is made of its day, zone, cycle and start, so a plan made again (programs reloaded, a
 * restart) never starts a run twice: the pipeline refuses an id it has seen.
 *
 * <p>A run the irrigation interlock refuses (a mainline break, its water main's flow budget) is tried again a while
 * later, at the first time its controller has nothing else planned for as long as the run lasts, for as long as it
 * still ends inside its watering window; after that it is reported skipped, with the interlock's reason.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** A run whose start passed less than this ago is still started. */
    static final Duration GRACE = Duration.ofMinutes(1);
    /** How long after the interlock refused a run it is tried again. */
    static final Duration RETRY = Duration.ofMinutes(2);

    private final CommandService commands;
    private final Irrigation irrigation;
    private final String issuer;
    private final Duration expiry;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final BiConsumer<PlannedRun, CommandResult> results;
    private final Duration retry;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();
    /** Per controller, the runs it is to make: a run tried again goes where it overlaps none of them. */
    private final Map<String, List<PlannedRun>> planned = new HashMap<>();

    /**
     * @param expiry  how long after its start a run's command may still be sent
     * @param results told every run's final result (or a REJECTED one when skipped at its start)
     */
    public Dispatcher(
            CommandService commands,
            Irrigation irrigation,
            String issuer,
            Duration expiry,
            Clock clock,
            ScheduledExecutorService timer,
            BiConsumer<PlannedRun, CommandResult> results) {
        this(commands, irrigation, issuer, expiry, clock, timer, results, RETRY);
    }

    Dispatcher(
            CommandService commands,
            Irrigation irrigation,
            String issuer,
            Duration expiry,
            Clock clock,
            ScheduledExecutorService timer,
            BiConsumer<PlannedRun, CommandResult> results,
            Duration retry) {
        if (retry.compareTo(Duration.ofSeconds(1)) < 0) {
            // a run's command id counts whole seconds of its start: a sooner retry would repeat the refused one's
            throw new IllegalArgumentException("a refused run is tried again after 1 s at the soonest, not " + retry);
        }
        this.retry = retry;
        this.commands = commands;
        this.irrigation = irrigation;
        this.issuer = issuer;
        this.expiry = expiry;
        this.clock = clock;
        this.timer = timer;
        this.results = results;
    }

    /** The command id of a run. */
    public static String commandId(PlannedRun run, LocalDate day) {
        return "irrigation:" + day + ":" + run.zone().key() + ":" + run.cycle() + ":"
                + run.start().getEpochSecond();
    }

    /** Replaces the runs waiting with a day's plan; runs already started stay as they are. */
    public void schedule(Planner.DayPlan plan) {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        synchronized (planned) {
            planned.clear();
            plan.runs()
                    .forEach(r -> planned.computeIfAbsent(r.zone().controller(), c -> new ArrayList<>())
                            .add(r));
        }
        Instant now = clock.instant();
        int due = 0;
        for (PlannedRun run : plan.runs()) {
            if (run.start().isBefore(now.minus(GRACE))) {
                continue;
            }
            String id = commandId(run, plan.date());
            long delay = Math.max(0, Duration.between(now, run.start()).toMillis());
            pending.put(
                    id,
                    timer.schedule(
                            () -> {
                                pending.remove(id);
                                start(run, plan.date());
                            },
                            delay,
                            TimeUnit.MILLISECONDS));
            due++;
        }
        LOG.info(
                "Irrigation {}: {} run(s) to start, {} zone(s) not watering",
                plan.date(),
                due,
                plan.skips().size());
    }

    /** How many runs wait to start, those the interlock refused and that are to be tried again included. */
    public int waiting() {
        return pending.size() + retries.size();
    }

    /** Cancels every run not yet started. */
    public void cancel() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        retries.values().forEach(f -> f.cancel(false));
        retries.clear();
    }

    /** Starts a run now, unless the field says its zone must not water now. */
    public void start(PlannedRun run, LocalDate day) {
        String id = commandId(run, day);
        Optional<String> skip = irrigation.program(run.program()).flatMap(p -> irrigation.liveSkip(p, zoneOf(p, run)));
        if (skip.isPresent()) {
            LOG.info("Irrigation run {} not started: {}", id, skip.get());
            results.accept(
                    run,
                    new CommandResult(
                            id,
                            run.zone().controller(),
                            CommandState.REJECTED,
                            "SKIPPED: " + skip.get(),
                            clock.instant(),
                            null));
            return;
        }
        String reason = run.program() + " zone " + run.zone().number() + " ("
                + run.zone().name() + ") cycle " + run.cycle() + "/" + run.cycles() + ", " + run.seconds() + " s: "
                + run.why();
        Command command = new Command(
                id,
                run.zone().controller(),
                run.zone().runPoint(),
                run.seconds(),
                issuer,
                reason,
                run.start().plus(expiry),
                Command.Operation.DIRECT);
        commands.submit(command).whenComplete((r, error) -> {
            if (error != null) {
                LOG.warn("Irrigation run {} failed: {}", id, error.toString());
                return;
            }
            if (r.state() == CommandState.REJECTED
                    && r.reason() != null
                    && r.reason().startsWith("INTERLOCK")) {
                tryAgain(run, day, r);
                return;
            }
            if (r.state() == CommandState.CONFIRMED || r.state() == CommandState.SENT) {
                irrigation.credit(run, day);
            } else {
                LOG.warn("Irrigation run {}: {} {}", id, r.state(), r.reason());
            }
            results.accept(run, r);
        });
    }

    /**
     * Sets a run the interlock refused to start again {@link #retry} later, or later still when its controller has
     * other runs then; reports it skipped when it would no longer end inside its watering window.
     */
    private void tryAgain(PlannedRun run, LocalDate day, CommandResult refused) {
        Optional<Program> program = irrigation.program(run.program());
        Instant windowEnd = program.map(p -> Planner.windowEnd(run.start(), p, irrigation.site()))
                .orElse(run.start());
        String controller = run.zone().controller();
        Instant at = clock.instant().plus(retry);
        synchronized (planned) {
            List<PlannedRun> others = planned.computeIfAbsent(controller, c -> new ArrayList<>());
            others.remove(run);
            boolean moved = true;
            while (moved) {
                moved = false;
                for (PlannedRun o : others) {
                    if (o.start().isBefore(at.plusSeconds(run.seconds()))
                            && o.end().isAfter(at)) {
                        at = o.end();
                        moved = true;
                    }
                }
            }
            if (at.plusSeconds(run.seconds()).isAfter(windowEnd)) {
                String why = "SKIPPED: " + refused.reason()
                        + "; it was refused until no time was left before its watering " + "window closes at "
                        + windowEnd.atZone(irrigation.site()).toLocalTime();
                LOG.warn("Irrigation run {} {}", refused.commandId(), why);
                results.accept(
                        run,
                        new CommandResult(
                                refused.commandId(), controller, CommandState.REJECTED, why, clock.instant(), null));
                return;
            }
            Instant when = at;
            PlannedRun again = new PlannedRun(
                    run.program(),
                    run.zone(),
                    when,
                    run.seconds(),
                    run.cycle(),
                    run.cycles(),
                    () -> run.why() + "; tried again at "
                            + when.atZone(irrigation.site()).toLocalTime() + ", as " + refused.reason());
            others.add(again);
            String id = commandId(again, day);
            LOG.info("Irrigation run {} tried again at {}: {}", refused.commandId(), when, refused.reason());
            retries.put(
                    id,
                    timer.schedule(
                            () -> {
                                retries.remove(id);
                                start(again, day);
                            },
                            Math.max(0, Duration.between(clock.instant(), when).toMillis()),
                            TimeUnit.MILLISECONDS));
        }
    }

    private static Program.Zone zoneOf(Program p, PlannedRun run) {
        return p.zones().stream()
                .filter(z -> z.key().equals(run.zone().key()))
                .findFirst()
                .orElse(run.zone());
    }

    /** The runs still waiting, for the console. */
    public List<String> waitingIds() {
        List<String> ids = new ArrayList<>(pending.keySet());
        ids.addAll(retries.keySet());
        return ids;
    }
}
