package org.urbis.rest.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandListener;
import org.urbis.api.device.Device;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.OverflowPolicy;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.rest.internal.RestConfig;
import org.urbis.rest.internal.Views;

/**
 * The live events of the REST API: one subscription to the core's event stream and the command
 * state changes of the control bundle, numbered, encoded once, remembered in a ring for resuming
 * clients, and fanned out to every SSE client's own queue; each batch from the core wakes every client
 * once. Also keeps each device's recent health changes.
 */
@Component(
        service = {EventHub.class, CommandListener.class},
        configurationPid = RestConfig.PID)
public final class EventHub implements CommandListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final EventRing ring;
    private final int clientQueue;
    private final int historySize;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Optional<Device>> devices = new ConcurrentHashMap<>();
    private final Map<String, Deque<Views.HealthView>> history = new ConcurrentHashMap<>();
    private final ExecutorService sender;
    private final ScheduledExecutorService keepAlive;
    private final Subscription subscription;
    private final AtomicLong alarmChanges = new AtomicLong();
    private long nextId;

    @Activate
    public EventHub(@Reference EventStream events, @Reference DeviceRegistry registry, RestConfig config) {
        this.registry = registry;
        this.ring = new EventRing(config.events_ringSize(), Duration.ofSeconds(config.events_ringSeconds()));
        this.clientQueue = config.events_clientQueue();
        this.historySize = Math.max(1, config.health_historySize());
        // ids go on from the clock, so that ids given out before a restart are never given out again
        this.nextId = clock.millis() * 1000;
        this.sender = Executors.newFixedThreadPool(2, PlatformThreads.numbered("urbis-rest-sse"));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-rest-sse-keepalive"));
        long every = Math.max(1, config.events_keepAliveSeconds());
        keepAlive.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.SECONDS);
        this.subscription = events.subscribe(
                "rest-live-events",
                this::onEvents,
                new SubscriptionOptions(10_000, 500, OverflowPolicy.DROP_OLDEST, Duration.ZERO, Set.of()));
    }

    @Deactivate
    void deactivate() {
        subscription.close();
        keepAlive.shutdownNow();
        clients.forEach(SseClient::close);
        sender.shutdownNow();
    }

    /**
     * Adds a client. With {@code lastEventId} it first gets the events it missed, or a {@code reset}
     * event when the ring no longer has them all.
     */
    public void connect(SseEventSink sink, Sse sse, EventFilter filter, Long lastEventId) {
        SseClient[] self = new SseClient[1];
        self[0] = new SseClient(sink, sse, filter, clientQueue, sender, () -> disconnect(self[0]));
        synchronized (this) {
            if (lastEventId != null) {
                Optional<List<LiveEvent>> missed = ring.after(lastEventId, clock.instant());
                if (missed.isPresent()) {
                    missed.get().forEach(self[0]::offer);
                } else {
                    self[0].reset();
                }
            }
            clients.add(self[0]);
        }
        // The answer's headers go out with the first thing sent: a comment, so the client knows it is connected.
        self[0].keepAlive();
    }

    private void disconnect(SseClient client) {
        clients.remove(client);
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /** The device's recent health changes, oldest first. */
    public List<Views.HealthView> healthHistory(String deviceId) {
        Deque<Views.HealthView> h = history.get(deviceId);
        if (h == null) {
            return List.of();
        }
        synchronized (h) {
            return List.copyOf(h);
        }
    }

    /**
     * A count that moves whenever an alarm may have changed: the alarm changes received, plus the events lost to
     * overflow (any of which may have been one).
     */
    public long alarmChanges() {
        return alarmChanges.get() + subscription.dropped();
    }

    void onEvents(List<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            if (e instanceof ValueChanged v) {
                publish("value", v.deviceId(), Views.ValueView.of(v.deviceId(), v.value()));
            } else if (e instanceof HealthChanged h) {
                Views.HealthView view = Views.HealthView.of(h.health());
                Deque<Views.HealthView> past = history.computeIfAbsent(h.deviceId(), k -> new ArrayDeque<>());
                synchronized (past) {
                    past.addLast(view);
                    while (past.size() > historySize) {
                        past.removeFirst();
                    }
                }
                publish("health", h.deviceId(), view);
            } else if (e instanceof AlarmChanged a) {
                alarmChanges.incrementAndGet();
                publish("alarm", a.deviceId(), Views.AlarmView.of(a.alarm()));
            } else if (e instanceof DeviceChanged d) {
                devices.put(d.deviceId(), Optional.ofNullable(d.device()));
                if (d.kind() == DeviceChanged.Kind.REMOVED) {
                    history.remove(d.deviceId());
                }
            }
        }
        clients.forEach(SseClient::wake);
    }

    @Override
    public void commandChanged(CommandEvent event) {
        publish("command", event.deviceId(), Views.CommandChange.of(event));
        clients.forEach(SseClient::wake);
    }

    /** Numbers, encodes and queues an event for every client that wants it; sent on the clients' next wake. */
    private void publish(String type, String deviceId, Object view) {
        String json;
        try {
            json = JSON.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a live event as JSON", e);
        }
        Device device = deviceId == null
                ? null
                : devices.computeIfAbsent(deviceId, id -> registry.snapshot(id).map(DeviceSnapshot::device))
                        .orElse(null);
        synchronized (this) {
            LiveEvent e = new LiveEvent(++nextId, type, deviceId, device, json, clock.instant());
            ring.add(e);
            for (SseClient c : clients) {
                c.offer(e);
            }
        }
    }

    private void keepAlive() {
        for (SseClient c : clients) {
            if (c.closed()) {
                c.close();
            } else {
                c.keepAlive();
            }
        }
    }
}
