package org.urbis.control.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.Luminaires;
import org.urbis.testing.Schedules;
import org.urbis.testing.SettableClock;

class ScheduleEngineTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Site SITE = new Site(ZONE, 10.93, 108.10);
    private static final LocalDate WEDNESDAY = LocalDate.parse("2026-03-11");

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(at(WEDNESDAY, "23:00"));
    final Recorder commands = new Recorder();
    final Registry registry = new Registry();
    final List<Duration> timers = Collections.synchronizedList(new ArrayList<>());

    private static Instant at(LocalDate date, String time) {
        return ZonedDateTime.of(date, LocalTime.parse(time), ZONE).toInstant();
    }

    private ScheduleEngine engine() throws Exception {
        return new ScheduleEngine(
                new ScheduleStore(dir), commands, registry, new Timeline(SITE), clock, (delay, task) -> {
                    timers.add(delay);
                    return () -> {};
                });
    }

    /** An engine whose retries wait in {@code later} until the test runs them. */
    private ScheduleEngine engine(CommandService pipeline, List<Runnable> later) throws Exception {
        return new ScheduleEngine(
                new ScheduleStore(dir), pipeline, registry, new Timeline(SITE), clock, (delay, task) -> {
                    if (delay.equals(ScheduleEngine.RETRY_AFTER)) {
                        later.add(task);
                    }
                    return () -> {};
                });
    }

    private Schedule thurrock(String group) {
        return ScheduleFormat.parse(Schedules.thurrock("s-" + group.replace('=', '-'), group));
    }

    @Test
    void startAppliesTheLevelThatShouldHoldNowAndEventsFollow() throws Exception {
        ScheduleEngine engine = engine();
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        // 23:00 on a weekday: sunset-10 at 70 holds.
        assertEquals(List.of("dim 70.0", "switch true"), commands.points());
        Command dim = commands.sent.get(0);
        assertEquals("group:zone=PT-Z1", dim.target());
        assertEquals(ScheduleEngine.ISSUER, dim.issuer());
        assertTrue(dim.id().startsWith("schedule/zone=PT-Z1/step@"), dim.id());
        assertTrue(dim.id().contains("/restart@"), "the first level after start is a command of its own");
        assertEquals(clock.instant().plus(ScheduleEngine.EXPIRY), dim.expiry());

        commands.sent.clear();
        engine.tick();
        assertTrue(commands.sent.isEmpty(), "nothing new is due");
        clock.set(at(WEDNESDAY.plusDays(1), "00:00"));
        engine.tick();
        assertEquals(List.of("dim 50.0", "switch true"), commands.points());
        assertEquals(
                "schedule/zone=PT-Z1/step@" + at(WEDNESDAY.plusDays(1), "00:00") + "=50/dim",
                commands.sent.get(0).id());
        commands.sent.clear();
        clock.set(at(WEDNESDAY.plusDays(1), "08:00")); // sunrise+15 has passed
        engine.tick();
        assertEquals(List.of("dim 0.0", "switch false"), commands.points());
    }

    @Test
    void overrideHoldsUntilTheNextStepThenTheScheduleResumes() throws Exception {
        ScheduleEngine engine = engine();
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        commands.sent.clear();
        ManualOverride o = engine.override("zone=PT-Z1", 100, null, "anna");
        assertEquals(at(WEDNESDAY.plusDays(1), "00:00"), o.until(), "the next step is midnight");
        assertEquals(List.of("dim 100.0", "switch true"), commands.points());
        commands.sent.clear();
        clock.set(at(WEDNESDAY, "23:59"));
        engine.tick();
        assertTrue(commands.sent.isEmpty());
        clock.set(o.until());
        engine.tick();
        assertEquals(List.of("dim 50.0", "switch true"), commands.points());
        assertTrue(engine.overrides().isEmpty());
    }

    @Test
    void overrideUntilAGivenTimeOutlastsStepsThenResumesWithAFreshId() throws Exception {
        ScheduleEngine engine = engine();
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        String firstDim = commands.sent.get(0).id();
        commands.sent.clear();
        engine.override("zone=PT-Z1", 0, at(WEDNESDAY, "23:30"), "anna");
        assertEquals(List.of("dim 0.0", "switch false"), commands.points());
        commands.sent.clear();
        clock.set(at(WEDNESDAY, "23:30"));
        engine.tick();
        // The same step as before the override holds again, under an id of its own.
        assertEquals(List.of("dim 70.0", "switch true"), commands.points());
        String resumed = commands.sent.get(0).id();
        assertFalse(resumed.equals(firstDim));
        assertTrue(resumed.contains("/after/override@"), resumed);
    }

    @Test
    void afterARestartANewEngineAppliesTheStoredScheduleAndOverride() throws Exception {
        ScheduleEngine first = engine();
        first.start();
        first.save(thurrock("zone=PT-Z1"));
        first.save(thurrock("zone=PT-Z2"));
        first.override("zone=PT-Z2", 30, at(WEDNESDAY.plusDays(1), "01:00"), "anna");
        first.stop();

        commands.sent.clear();
        clock.set(at(WEDNESDAY.plusDays(1), "00:30"));
        ScheduleEngine second = engine();
        second.start();
        assertEquals(2, second.schedules().size());
        Map<String, Object> dims = new TreeMap<>();
        commands.sent.stream().filter(c -> c.point().equals("dim")).forEach(c -> dims.put(c.target(), c.value()));
        assertEquals(Map.of("group:zone=PT-Z1", 50.0, "group:zone=PT-Z2", 30.0), dims);
        assertTrue(commands.sent.stream().allMatch(c -> c.id().contains("/restart@" + clock.instant())));
    }

    @Test
    void aRepeatedEventKeepsItsIdSoThePipelineDropsIt() throws Exception {
        ScheduleEngine first = engine();
        first.start();
        first.save(thurrock("zone=PT-Z1"));
        clock.set(at(WEDNESDAY.plusDays(1), "00:00"));
        first.tick();
        String id = commands.sent.get(commands.sent.size() - 2).id();
        ScheduleEngine again = engine();
        clock.set(at(WEDNESDAY.plusDays(1), "00:00"));
        again.start();
        again.tick();
        // The restart re-application differs, but the midnight event itself is the same id on both engines.
        assertEquals("schedule/zone=PT-Z1/step@" + at(WEDNESDAY.plusDays(1), "00:00") + "=50/dim", id);
    }

    @Test
    void programsArePushedOnlyToGroupsWithAProgramPoint() throws Exception {
        registry.add("SL-1", "zone=PT-Z1", true);
        registry.add("SL-2", "zone=PT-Z2", false);
        ScheduleEngine engine = engine();
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        engine.save(thurrock("zone=PT-Z2"));
        List<Command> pushes =
                commands.sent.stream().filter(c -> c.point().equals("program")).toList();
        assertEquals(1, pushes.size());
        assertEquals("group:zone=PT-Z1", pushes.get(0).target());
        assertTrue(pushes.get(0).id().startsWith("program/zone=PT-Z1/2026-03-11/"));
        assertTrue(((String) pushes.get(0).value()).contains("\"at\":\"sunset\",\"offset\":-10"));
        engine.tick();
        assertEquals(
                1,
                commands.sent.stream().filter(c -> c.point().equals("program")).count(),
                "unchanged: not again");
        clock.set(at(LocalDate.parse("2026-03-14"), "12:00")); // Saturday: the weekend program
        engine.tick();
        assertEquals(
                2,
                commands.sent.stream().filter(c -> c.point().equals("program")).count());
    }

    @Test
    void tickTellsWhenTheNextEventIsDue() throws Exception {
        ScheduleEngine engine = engine();
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        // Never sleeps longer than MAX_SLEEP, so a changed inventory or clock is noticed.
        assertEquals(clock.instant().plus(ScheduleEngine.MAX_SLEEP), engine.tick());
        assertEquals(ScheduleEngine.MAX_SLEEP, timers.get(timers.size() - 1));
        clock.set(at(WEDNESDAY, "23:58"));
        assertEquals(at(WEDNESDAY.plusDays(1), "00:00"), engine.tick());
    }

    @Test
    void storeSurvivesAndWritesAtomically() throws Exception {
        ScheduleStore store = new ScheduleStore(dir);
        Schedule s = thurrock("zone=PT-Z1");
        store.save(s);
        store.save(s);
        assertEquals(List.of(s), new ScheduleStore(dir).load());
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("schedule-s-zone-PT-Z1.json"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aDayOfSchedulesForAHundredGroups() throws Exception {
        ScheduleEngine engine = engine();
        engine.start();
        for (int i = 0; i < 100; i++) {
            engine.save(thurrock("zone=Z" + i));
        }
        assertEquals(200, commands.sent.size(), "one level each at start: dim and switch");
        int events = 0;
        for (Schedule s : engine.schedules()) {
            events += engine.preview(s.group(), WEDNESDAY.plusDays(1), WEDNESDAY.plusDays(1))
                    .size();
        }
        assertEquals(400, events);
        commands.sent.clear();
        // Walk the day event by event, as the timer would.
        Instant end = at(WEDNESDAY.plusDays(2), "00:00");
        Instant next = engine.tick();
        while (next.isBefore(end)) {
            clock.set(next);
            next = engine.tick();
        }
        assertEquals(100 * 4 * 2, commands.sent.size());
    }

    @Test
    void aCommandRefusedForTheIssuersRateIsSentAgainUnderANewId() throws Exception {
        List<Runnable> later = new ArrayList<>();
        commands.answer = c -> c.id().contains("retry") ? CommandState.CONFIRMED : CommandState.REJECTED;
        ScheduleEngine engine = engine(commands, later);
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        assertEquals(2, later.size());
        later.forEach(Runnable::run);
        assertEquals(4, commands.sent.size());
        assertTrue(commands.sent.get(2).id().endsWith("/retry1"));
    }

    @Test
    void devicesThatCouldNotConfirmAreSentTheLevelAgainOneByOne() throws Exception {
        List<Runnable> later = new ArrayList<>();
        // At start SL-2 is not reachable yet; its retry, addressed to it alone, confirms.
        CommandService pipeline = command -> {
            commands.sent.add(command);
            if (!command.targetsGroup()) {
                return CompletableFuture.completedFuture(new CommandResult(
                        command.id(), command.target(), CommandState.CONFIRMED, "", Instant.now(), null));
            }
            return CompletableFuture.completedFuture(new CommandResult(
                    command.id(),
                    command.target(),
                    CommandState.FAILED,
                    "1 of 2 failed",
                    Instant.now(),
                    List.of(
                            new CommandResult(command.id(), "SL-1", CommandState.CONFIRMED, "", Instant.now(), null),
                            new CommandResult(
                                    command.id(),
                                    "SL-2",
                                    CommandState.FAILED,
                                    "DEVICE_ERROR: not connected to the broker",
                                    Instant.now(),
                                    null))));
        };
        ScheduleEngine engine = engine(pipeline, later);
        engine.start();
        engine.save(thurrock("zone=PT-Z1"));
        assertEquals(2, later.size(), "one retry each for dim and switch");
        int before = commands.sent.size();
        later.forEach(Runnable::run);
        List<Command> retries = commands.sent.subList(before, commands.sent.size());
        assertEquals(2, retries.size());
        assertTrue(
                retries.stream().allMatch(c -> c.target().equals("SL-2") && c.id().endsWith("/retry1/SL-2")),
                retries.toString());
    }

    // ---- stand-ins ----

    static final class Recorder implements CommandService {
        final List<Command> sent = Collections.synchronizedList(new ArrayList<>());
        volatile java.util.function.Function<Command, CommandState> answer = c -> CommandState.CONFIRMED;

        @Override
        public CompletionStage<CommandResult> submit(Command command) {
            sent.add(command);
            CommandState state = answer.apply(command);
            return CompletableFuture.completedFuture(new CommandResult(
                    command.id(),
                    command.target(),
                    state,
                    state == CommandState.REJECTED ? "RATE_LIMITED: issuer 'scheduler' sends too many commands" : "",
                    Instant.now(),
                    null));
        }

        List<String> points() {
            return sent.stream().map(c -> c.point() + " " + c.value()).toList();
        }
    }

    static final class Registry extends FakeRegistry {

        void add(String id, String group, boolean programPoint) {
            String[] kv = group.split("=");
            Point[] program = programPoint
                    ? new Point[] {
                        Point.builder("program", DataType.STRING)
                                .access(Access.WRITE)
                                .build()
                    }
                    : new Point[0];
            putOnline(Luminaires.luminaire(id, Map.of(kv[0], kv[1]), program), Instant.EPOCH, Map.of());
        }
    }
}
