package org.urbis.history.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.OverflowPolicy;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.history.HistoryStatus;
import org.urbis.api.history.Sample;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.value.Value;
import org.urbis.history.internal.store.HistorySettings;
import org.urbis.history.internal.store.HistoryStore;

/**
 * The history component: takes value, health and alarm changes from the event stream on a thread of
 * its own, keeps values past their point's deadband, commits to the store every commit interval,
 * and applies retention and the size bound. Its queue never makes a driver wait: when it overflows,
 * events are dropped, counted and a platform alarm says so.
 */
@Component(
        service = History.class,
        configurationPid = HistoryConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = HistoryConfig.class)
public final class HistoryService implements History {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);

    static final String ALARM_SOURCE = "history";
    static final String STORE_FULL = "STORE_FULL";
    static final String EVENTS_DROPPED = "EVENTS_DROPPED";
    private static final Duration MAINTENANCE = Duration.ofMinutes(10);

    private final DeviceRegistry registry;
    private final HistoryStore store;
    private final Subscription subscription;
    private final ScheduledExecutorService timer;
    /** Deadband of each device's points, and the last value kept of each; only the writer thread uses them. */
    private final Map<String, Map<String, Double>> deadbands = new HashMap<>();

    private final Map<String, Map<String, Value>> kept = new HashMap<>();

    private volatile PlatformAlarms alarms;
    private volatile boolean storeFullRaised;
    private long droppedSeen;
    private Instant lastDrop;

    @Activate
    public HistoryService(
            @Reference(name = "events") EventStream events,
            @Reference(name = "registry") DeviceRegistry registry,
            HistoryConfig config)
            throws IOException {
        this.registry = registry;
        Path file = config.file().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "urbis", "history", "history.mv.db")
                : Path.of(config.file());
        HistorySettings settings = new HistorySettings(
                Duration.ofDays(config.retentionDays()),
                config.maxMegabytes() << 20,
                Duration.ofSeconds(config.sealSeconds()),
                HistorySettings.defaults().sealBytes(),
                Duration.ofMinutes(config.maxHoldMinutes()));
        this.store = HistoryStore.open(file, settings, System::currentTimeMillis);
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-history-commit"));
        this.subscription = events.subscribe(
                "history",
                this::onEvents,
                new SubscriptionOptions(
                        config.queueCapacity(),
                        2_000,
                        OverflowPolicy.DROP_OLDEST,
                        Duration.ZERO,
                        Set.of(ValueChanged.class, HealthChanged.class, AlarmChanged.class, DeviceChanged.class)));
        timer.scheduleWithFixedDelay(this::commit, config.commitMillis(), config.commitMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::maintain, 1, MAINTENANCE.toSeconds(), TimeUnit.SECONDS);
        LOG.info(
                "History kept in {} for {} days, {} MiB at most, committed every {} ms",
                file,
                config.retentionDays(),
                config.maxMegabytes(),
                config.commitMillis());
    }

    @Deactivate
    public void deactivate() {
        subscription.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAlarms(PlatformAlarms platformAlarms) {
        this.alarms = platformAlarms;
    }

    void unbindAlarms(PlatformAlarms platformAlarms) {
        if (this.alarms == platformAlarms) {
            this.alarms = null;
        }
    }

    void onEvents(List<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            if (e instanceof ValueChanged v) {
                Value value = v.value();
                Map<String, Value> last = kept.computeIfAbsent(v.deviceId(), k -> new HashMap<>());
                Value before = last.get(value.point());
                if (before == null || value.differsBeyond(before, deadband(v.deviceId(), value.point()))) {
                    if (store.append(
                            v.deviceId(),
                            value.point(),
                            value.timestamp(),
                            value.value(),
                            value.quality(),
                            value.reason())) {
                        last.put(value.point(), value);
                    }
                }
            } else if (e instanceof HealthChanged h) {
                store.health(h.health());
            } else if (e instanceof AlarmChanged a) {
                store.alarm(a.alarm());
            } else if (e instanceof DeviceChanged d) {
                deadbands.remove(d.deviceId());
                kept.remove(d.deviceId());
            }
        }
    }

    private double deadband(String deviceId, String point) {
        Map<String, Double> points = deadbands.computeIfAbsent(deviceId, id -> {
            Map<String, Double> m = new HashMap<>();
            registry.snapshot(id).ifPresent(s -> s.device().points().forEach(p -> m.put(p.name(), p.deadband())));
            return m;
        });
        return points.getOrDefault(point, 0.0);
    }

    private void commit() {
        try {
            store.commit();
        } catch (RuntimeException e) {
            LOG.error("ALARM history: commit to {} failed: {}", store.file(), e.toString());
        }
        checkDrops();
    }

    /** Raises EVENTS_DROPPED when the queue overflowed, and clears it after a quiet minute. */
    private void checkDrops() {
        long dropped = subscription.dropped();
        PlatformAlarms platform = alarms;
        if (dropped > droppedSeen) {
            lastDrop = Instant.now();
            if (platform != null) {
                platform.raise(
                        ALARM_SOURCE,
                        EVENTS_DROPPED,
                        AlarmSeverity.MAJOR,
                        "history writer could not keep up: " + dropped
                                + " value, health or alarm changes not recorded so far");
            }
            droppedSeen = dropped;
        } else if (lastDrop != null && lastDrop.plus(Duration.ofMinutes(1)).isBefore(Instant.now())) {
            if (platform != null) {
                platform.clear(ALARM_SOURCE, EVENTS_DROPPED, "history writer keeps up again");
            }
            lastDrop = null;
        }
    }

    private void maintain() {
        try {
            HistoryStore.Maintenance m = store.maintain();
            if (m.chunksDropped() > 0) {
                LOG.info(
                        "History: dropped {} runs ({} bytes) older than {}",
                        m.chunksDropped(),
                        m.bytesDropped(),
                        m.cutoff());
            }
            PlatformAlarms platform = alarms;
            if (platform != null && m.sizeBoundHit() != storeFullRaised) {
                if (m.sizeBoundHit()) {
                    platform.raise(
                            ALARM_SOURCE,
                            STORE_FULL,
                            AlarmSeverity.WARNING,
                            "history reached its size bound of "
                                    + (store.settings().maxBytes() >> 20) + " MiB: values and changes before "
                                    + m.cutoff()
                                    + " were dropped, earlier than the retention of "
                                    + store.settings().retention().toDays() + " days");
                } else {
                    platform.clear(ALARM_SOURCE, STORE_FULL, "history fits its size bound again");
                }
                storeFullRaised = m.sizeBoundHit();
            }
        } catch (RuntimeException e) {
            LOG.error("History: retention pass failed: {}", e.toString(), e);
        }
    }

    // ---- History ----

    @Override
    public List<Sample> values(String deviceId, String point, Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return store.values(deviceId, point, from, to, limit);
    }

    @Override
    public List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step) {
        return store.downsampled(deviceId, point, from, to, step);
    }

    @Override
    public List<DeviceHealth> health(String deviceId, Instant from, Instant to) {
        return store.health(deviceId, from, to);
    }

    @Override
    public List<Alarm> alarms(String deviceId, Instant from, Instant to) {
        return store.alarms(deviceId, from, to);
    }

    @Override
    public HistoryStatus status() {
        HistoryStore.Stats s = store.stats();
        return new HistoryStatus(
                store.file().toString(),
                s.fileBytes(),
                s.dataBytes(),
                store.settings().maxBytes(),
                store.settings().retention(),
                s.oldest(),
                s.series(),
                s.committed(),
                subscription.dropped(),
                s.late(),
                storeFullRaised);
    }
}
