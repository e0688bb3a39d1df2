package org.urbis.control.internal.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
import org.urbis.control.internal.ControlConfig;
import org.urbis.control.internal.ControlService;

/** The lighting schedules of the site, run by a {@link ScheduleEngine} on one timer thread. */
@Component(service = ScheduleService.class, configurationPid = ControlConfig.PID)
public final class ScheduleService {

    private final ScheduledExecutorService timer;
    private final ScheduleEngine engine;

    @Activate
    public ScheduleService(@Reference ControlService control, @Reference DeviceRegistry registry, ControlConfig config,
            BundleContext context) throws IOException {
        Path folder = config.schedule_directory().isBlank()
                ? Path.of(dataFolder(context), "urbis", "schedules") : Path.of(config.schedule_directory());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "urbis-schedules");
            t.setDaemon(true);
            return t;
        });
        Site site = new Site(control.zone(), control.siteLatitude(), control.siteLongitude());
        this.engine = new ScheduleEngine(new ScheduleStore(folder), control, registry, new Timeline(site), Clock.systemUTC(),
                (delay, task) -> {
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
}
