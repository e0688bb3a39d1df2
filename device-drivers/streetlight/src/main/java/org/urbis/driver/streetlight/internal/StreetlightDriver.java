package org.urbis.driver.streetlight.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.value.QualityReason;

/**
 * The street-lighting driver ({@code streetlight}): luminaire nodes that publish JSON status on
 * {@code <address>/status}, take commands on {@code <address>/cmd} and acknowledge them on
 * {@code <address>/ack}, all through one connection to the city's broker. See the module's README.
 */
@Component(service = DeviceDriver.class, configurationPid = StreetlightConfig.PID)
@Designate(ocd = StreetlightConfig.class)
public final class StreetlightDriver implements DeviceDriver {

    public static final String ID = "streetlight";

    private static final Logger LOG = LoggerFactory.getLogger(StreetlightDriver.class);
    private static final Set<String> WRITABLE_FIELDS = Set.of("relay", "dim", "program");

    private final DriverSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final MqttLink link;
    private final Daylight daylight;
    private final Map<String, LuminaireSession> sessionsByTopic = new ConcurrentHashMap<>();
    private final String commandPrefix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
    private final NodeTraffic traffic = new NodeTraffic();

    @Activate
    public StreetlightDriver(StreetlightConfig config) {
        this(DriverSettings.from(config), Clock.systemUTC());
        // In the background: the city's first command should not meet a cold JIT, nor wait for the warm-up.
        warmUp().whenComplete((shown, e) -> {
            if (e != null) {
                LOG.warn(
                        "Warming up the street-lighting driver failed; the first commands may be slower: {}",
                        e.toString());
            }
        });
    }

    /** A driver outside OSGi, with explicit settings and the clock day-burners are judged by: for tests and tools. */
    public StreetlightDriver(DriverSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.daylight = new Daylight(settings.dayBurnerMargin());
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-streetlight"));
        this.link = new MqttLink(settings, timer);
        long tick = Math.max(50, Math.min(1_000, settings.silentAfter().toMillis() / 4));
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        link.start();
        LOG.info(
                "Street-lighting driver on {} (silent after {} s)",
                settings.brokerUrl(),
                settings.silentAfter().toSeconds());
    }

    /**
     * Starts dimming stand-in luminaires in memory and reading them back, on a thread of its own, as the
     * driver does at activation; completes with the number of readbacks that showed their level.
     */
    public CompletionStage<Integer> warmUp() {
        return LuminaireWarmUp.start(this, settings, clock);
    }

    @Deactivate
    public void close() {
        timer.shutdownNow();
        link.close();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.STREETLIGHT);
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>();
        String topic = topicOf(device);
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#") || topic.startsWith("$")) {
            problems.add("address '" + device.address() + "' must be an MQTT topic prefix without wildcards, "
                    + "such as urbis/luminaires/SL-PT-001");
        }
        for (Point p : device.points()) {
            String field = field(p);
            if (p.access().writable() && !WRITABLE_FIELDS.contains(field)) {
                problems.add("point '" + p.name() + "' is writable but field '" + field + "' cannot be commanded "
                        + "(only relay, dim and program can)");
            }
            if (field.equals("program")) {
                if (p.type() != DataType.STRING || p.access().readable()) {
                    problems.add("point '" + p.name() + "' (program) must be a write-only STRING");
                }
            } else if (p.access().readable() && !NodeMessages.STATUS_FIELDS.containsKey(field)) {
                problems.add("point '" + p.name() + "' reads field '" + field
                        + "', which nodes do not report (they report "
                        + String.join(", ", new java.util.TreeSet<>(NodeMessages.STATUS_FIELDS.keySet())) + ")");
            }
        }
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        LuminaireSession session = new LuminaireSession(device, callback, this, link, traffic, settings, clock);
        LuminaireSession other = sessionsByTopic.putIfAbsent(session.topic(), session);
        if (other != null) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR,
                    "address " + session.topic() + " is already used by another device");
        }
        if (device.location() == null) {
            LOG.info("Device {} has no location: day-burners cannot be detected on it", device.id());
        }
        session.start();
        return session;
    }

    void closed(LuminaireSession session) {
        sessionsByTopic.remove(session.topic(), session);
    }

    private void tick() {
        long now = System.nanoTime();
        for (LuminaireSession s : sessionsByTopic.values()) {
            try {
                s.tick(now);
            } catch (RuntimeException e) {
                LOG.error("Checking node {} failed", s.topic(), e);
            }
        }
    }

    // ---- helpers shared with the sessions ----

    /** The topic prefix of a device: its address without trailing slashes. */
    static String topicOf(Device device) {
        String t = device.address().trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** The message field a point maps to: its address, or its name when the address is empty. */
    static String field(Point p) {
        return p.address().isEmpty() ? p.name() : p.address();
    }

    Daylight daylight() {
        return daylight;
    }

    String commandPrefix() {
        return commandPrefix;
    }

    // ---- observation ----

    /**
     * What the driver has received so far.
     *
     * @param statuses      status messages used
     * @param rejected      messages rejected whole (too long, not JSON, not an object, malformed acknowledgements)
     * @param fieldProblems fields left out of used messages (wrong type, unknown)
     * @param unmatchedAcks acknowledgements nobody awaited any more
     */
    public record Statistics(long statuses, long rejected, long fieldProblems, long unmatchedAcks) {}

    public Statistics statistics() {
        return traffic.statistics();
    }

    /** Whether the broker connection is up. */
    public boolean connected() {
        return link.connected();
    }

    /** Devices with an open session. */
    public int sessions() {
        return sessionsByTopic.size();
    }
}
