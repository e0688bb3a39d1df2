package org.urbis.parking.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.Inventory;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.telemetry.TelemetrySource;

/**
 * Parking occupancy and the public feeds: reads the sites of the inventory folder's
 * {@code *.parking.json} files again whenever they change (a file with problems is refused whole, with
 * a platform alarm naming them), counts arrivals per bay and day, raises OVERSTAY on a bay whose stay
 * breaks its site's rule, keeps each site's counts from the bays' events and offers them to the
 * telemetry as a {@link TelemetrySource}, and serves {@code /public/parking/*} on the HTTP Whiteboard — a servlet
 * rather than a second JAX-RS application, which would share the REST API's CXF bus and its address.
 */
@Component(configurationPid = ParkingConfig.PID)
@Designate(ocd = ParkingConfig.class)
public final class ParkingService {

    static final String SOURCE = "parking";
    static final String SITES_REFUSED = "PARKING_SITES_REFUSED";
    static final String OVERSTAY = "OVERSTAY";

    private static final Logger LOG = LoggerFactory.getLogger(ParkingService.class);

    private final DeviceRegistry registry;
    private final Inventory inventory;
    private final PlatformAlarms alarms;
    private final ZoneId zone;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Subscription arrivals;
    private final ServiceRegistration<Servlet> servlet;
    /** Each site's counts, kept from the bays' events and reported to the operations centre through the telemetry. */
    private final SiteCounts counts = new SiteCounts();

    private final ServiceRegistration<TelemetrySource> countsSource;
    /** Arrivals per bay on {@link #turnoverDay}. */
    private final Map<String, Long> turnover = new ConcurrentHashMap<>();

    private final Set<String> overstaying = new HashSet<>();
    private volatile LocalDate turnoverDay;
    private volatile Map<String, ParkingSite> sites = Map.of();
    private volatile Map<Path, Long> stamps = Map.of();
    private final OccupancySnapshot snapshot = new OccupancySnapshot(this::compute, Duration.ofSeconds(1));

    @Activate
    public ParkingService(
            @Reference DeviceRegistry registry,
            @Reference Inventory inventory,
            @Reference PlatformAlarms alarms,
            @Reference EventStream events,
            ParkingConfig config,
            BundleContext context) {
        this.registry = registry;
        this.inventory = inventory;
        this.alarms = alarms;
        this.zone = ZoneId.of(config.zone());
        this.clock = Clock.systemUTC();
        this.turnoverDay = LocalDate.now(clock.withZone(zone));
        reloadIfChanged();
        this.arrivals = events.subscribe(
                "parking-occupancy",
                this::onEvents,
                SubscriptionOptions.lossless().only(ValueChanged.class, HealthChanged.class, DeviceChanged.class));
        this.countsSource = context.registerService(TelemetrySource.class, counts, null);
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-parking-occupancy"));
        timer.scheduleWithFixedDelay(this::tick, 5, 30, TimeUnit.SECONDS);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", "/public/parking/*");
        props.put("osgi.http.whiteboard.servlet.name", "urbis-parking-feeds");
        servlet = context.registerService(
                Servlet.class,
                new FeedServlet(
                        this::sites,
                        new ClientLimiter(
                                new ClientLimiter.Rate(config.rateLimit_perSecond(), config.rateLimit_burst()),
                                ClientLimiter.Rate.parse(config.rateLimit_clients())),
                        config.datex_country(),
                        config.datex_identifier(),
                        config.feed_maxAgeSeconds()),
                props);
        LOG.info("Parking feeds at /public/parking ({} sites)", sites.size());
    }

    @Deactivate
    void deactivate() {
        countsSource.unregister();
        servlet.unregister();
        arrivals.close();
        timer.shutdownNow();
    }

    /** Every site now, worked out at most once a second. */
    List<Occupancy.Site> sites() {
        return snapshot.get();
    }

    private List<Occupancy.Site> compute() {
        reloadIfChanged();
        return Occupancy.of(sites.values(), bays(), turnover, clock.instant(), zone);
    }

    private List<DeviceSnapshot> bays() {
        return registry.find(new DeviceQuery(DeviceClass.PARKING, null, null));
    }

    private synchronized void reloadIfChanged() {
        Path folder = inventory.directory();
        Map<Path, Long> now = SiteFiles.stamps(folder);
        if (now.equals(stamps)) {
            return;
        }
        stamps = now;
        SiteFiles.Loaded loaded = SiteFiles.load(folder);
        if (loaded.problems().isEmpty()) {
            sites = loaded.sites();
            counts.recount(sites, bays(), clock.instant());
            alarms.clear(SOURCE, SITES_REFUSED, "parking sites loaded");
            LOG.info("Parking sites loaded from {}: {}", folder, sites.keySet());
        } else {
            String message =
                    "parking site files refused (the sites before stay): " + String.join("; ", loaded.problems());
            alarms.raise(SOURCE, SITES_REFUSED, AlarmSeverity.WARNING, message);
            LOG.error(message);
        }
    }

    /** Counts arrivals, and the sites of the bays whose occupancy, health or entry changed. */
    private void onEvents(List<DeviceEvent> events) {
        rollDay();
        for (DeviceEvent e : events) {
            if (e instanceof ValueChanged v
                    && v.value().point().equals(Occupancy.OCCUPIED)
                    && Boolean.TRUE.equals(v.value().value())
                    && (v.previous() == null
                            || !Boolean.TRUE.equals(v.previous().value()))) {
                turnover.merge(v.deviceId(), 1L, Long::sum);
            }
        }
        counts.onEvents(events, registry);
    }

    private void rollDay() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!today.equals(turnoverDay)) {
            turnoverDay = today;
            turnover.clear();
        }
    }

    /** Raises and clears OVERSTAY on the bays. */
    private void tick() {
        try {
            rollDay();
            counts.recount(sites, bays(), clock.instant());
            Set<String> now = new HashSet<>();
            Instant at = clock.instant();
            for (Occupancy.Site s : sites()) {
                for (Occupancy.Bay b : s.bays()) {
                    if (b.overstay()) {
                        now.add(b.id());
                        alarms.raise(
                                b.id(),
                                OVERSTAY,
                                AlarmSeverity.WARNING,
                                b.id() + " in " + s.site().name() + " taken for "
                                        + b.dwell().toMinutes() + " min, longer than the "
                                        + s.site().overstay().get().maxStay().toMinutes()
                                        + " min allowed");
                    }
                }
            }
            synchronized (overstaying) {
                for (String id : overstaying) {
                    if (!now.contains(id)) {
                        alarms.clear(id, OVERSTAY, id + " left at " + at);
                    }
                }
                overstaying.clear();
                overstaying.addAll(now);
            }
        } catch (RuntimeException e) {
            LOG.error("Checking parking overstays failed", e);
        }
    }
}
