package org.urbis.control.internal.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.schedule.GroupOverride;
import org.urbis.api.schedule.PlannedSwitch;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.api.schedule.ScheduleSummary;
import org.urbis.control.internal.ControlService;
import org.urbis.control.internal.command.ControlConfig;

/** The lighting schedules of the site, run by a {@link ScheduleEngine} on one timer thread. */
@Component(
        service = {ScheduleService.class, ScheduleManager.class},
        configurationPid = ControlConfig.PID)
public final class ScheduleService implements ScheduleManager {

    private final ScheduledExecutorService timer;
    private final ScheduleEngine engine;

    @Activate
    public ScheduleService(
            @Reference ControlService control,
            @Reference DeviceRegistry registry,
            ControlConfig config,
            BundleContext context)
            throws IOException {
        Path folder = config.schedule_directory().isBlank()
                ? Path.of(dataFolder(context), "urbis", "schedules")
                : Path.of(config.schedule_directory());
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-schedules"));
        Site site = new Site(control.zone(), control.siteLatitude(), control.siteLongitude());
        this.engine = new ScheduleEngine(
                new ScheduleStore(folder), control, registry, new Timeline(site), Clock.systemUTC(), (delay, task) -> {
                    ScheduledFuture<?> f = timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                    return () -> f.cancel(false);
                });
        engine.start();
    }

    private static String dataFolder(BundleContext context) {
        String data = context == null ? null : context.getProperty("karaf.data");
        return data != null ? data : System.getProperty("karaf.data", "data");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        engine.stop();
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    public ScheduleEngine engine() {
        return engine;
    }

    @Override
    public ZoneId zone() {
        return engine.timeline().site().zone();
    }

    @Override
    public List<ScheduleSummary> schedules() {
        return engine.schedules().stream().map(ScheduleService::summary).toList();
    }

    @Override
    public ScheduleSummary save(String json) throws IOException {
        Schedule s = ScheduleFormat.parse(json);
        engine.save(s);
        return summary(s);
    }

    @Override
    public boolean remove(String id) throws IOException {
        return engine.remove(id);
    }

    @Override
    public List<PlannedSwitch> preview(String group, LocalDate from, LocalDate to) {
        return engine.preview(group, from, to).stream()
                .map(ScheduleService::planned)
                .toList();
    }

    /** A switching event as the API shows it. */
    public static PlannedSwitch planned(SwitchEvent e) {
        return new PlannedSwitch(e.time(), e.level(), e.date(), e.program(), e.step(), e.note());
    }

    @Override
    public List<GroupOverride> overrides() {
        return engine.overrides().stream().map(ScheduleService::override).toList();
    }

    @Override
    public GroupOverride override(String group, int level, Instant until, String by) throws IOException {
        return override(engine.override(group, level, until, by));
    }

    @Override
    public boolean clearOverride(String group) throws IOException {
        return engine.clearOverride(group);
    }

    private static ScheduleSummary summary(Schedule s) {
        return new ScheduleSummary(
                s.id(),
                s.group(),
                s.programs().keySet().stream().sorted().toList(),
                s.rules().size(),
                s.defaultProgram(),
                ScheduleFormat.write(s));
    }

    private static GroupOverride override(ManualOverride o) {
        return new GroupOverride(o.group(), o.level(), o.from(), o.until(), o.by());
    }
}
