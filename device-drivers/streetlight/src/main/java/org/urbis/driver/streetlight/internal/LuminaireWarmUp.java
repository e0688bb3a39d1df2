package org.urbis.driver.streetlight.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.WarmUp;
import org.urbis.api.value.Value;

/**
 * Dims stand-in luminaires and reads them back through real sessions, run once at activation, so that
 * the city's first group command meets a warm JIT in the driver: commands encoded, statuses and
 * acknowledgements parsed, the nodes' rules applied, readbacks answered. The stand-ins' link answers
 * each command in memory with a status and an acknowledgement, on a thread of its own as the broker
 * connection does: nothing reaches the broker or a node, and what the stand-ins report goes to no
 * device and into counters of their own.
 */
final class LuminaireWarmUp {

    /**
     * Stand-ins, and rounds of a dim and a readback each: at least enough for the JIT to start compiling the per-node
     * path, then more while it is still compiling ({@link WarmUp}), up to a bound.
     */
    static final int NODES = 2_000;

    static final int ROUNDS = 8;
    static final int MAX_ROUNDS = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LuminaireWarmUp() {}

    /** Starts the warm-up on a thread of its own; completes with the number of readbacks that showed their level. */
    static CompletionStage<Integer> start(StreetlightDriver driver, DriverSettings settings, Clock clock) {
        return WarmUp.inBackground(
                "urbis-streetlight-warm-up", () -> rehearse(driver, settings, clock, NODES, ROUNDS, MAX_ROUNDS));
    }

    /** Dims each stand-in to a new level and reads it back, round after round; returns the readbacks that matched. */
    static int rehearse(
            StreetlightDriver driver, DriverSettings settings, Clock clock, int nodes, int minRounds, int maxRounds) {
        // Three kinds of link, the stand-ins spread over them: the JIT then compiles a session's calls into its link
        // as calls to any kind, instead of betting on one kind, a bet the broker's link would undo at the city's
        // first command (and the compiled code with it).
        List<EchoLink> links = List.of(new EchoLink(clock), new SecondEchoLink(clock), new ThirdEchoLink(clock));
        NodeTraffic traffic = new NodeTraffic();
        List<LuminaireSession> sessions = new ArrayList<>(nodes);
        try {
            for (int i = 0; i < nodes; i++) {
                LuminaireSession s = new LuminaireSession(
                        standIn(i), QUIET, driver, links.get(i % links.size()), traffic, settings, clock);
                s.start();
                sessions.add(s);
            }
            AtomicInteger rounds = new AtomicInteger();
            return WarmUp.untilCompiled(minRounds, maxRounds, () -> {
                double level = 10.0 + rounds.getAndIncrement() % 80;
                List<CompletableFuture<Boolean>> readbacks = new ArrayList<>(nodes);
                for (LuminaireSession s : sessions) {
                    readbacks.add(s.writeAsync(DIM, level, TIMEOUT)
                            .thenCompose(ok -> s.readAsync(readback(), TIMEOUT))
                            .thenApply(values ->
                                    Double.valueOf(level).equals(values.get(0).value()))
                            .toCompletableFuture());
                }
                return (int) readbacks.stream().filter(CompletableFuture::join).count();
            });
        } finally {
            sessions.forEach(LuminaireSession::close);
            links.forEach(EchoLink::close);
        }
    }

    private static final Point DIM = Point.builder("dim", DataType.FLOAT)
            .unit("%")
            .access(Access.READ_WRITE)
            .limits(0.0, 100.0)
            .deadband(1)
            .address("dim")
            .build();

    /** Points of an LED luminaire, as the driver's profile declares them. */
    private static final List<Point> POINTS = List.of(
            Point.builder("switch", DataType.BOOLEAN)
                    .access(Access.READ_WRITE)
                    .address("relay")
                    .build(),
            DIM,
            Point.builder("power", DataType.FLOAT)
                    .unit("W")
                    .limits(0.0, 400.0)
                    .address("power")
                    .build(),
            Point.builder("lampStatus", DataType.STRING).address("lamp").build());

    /** The points of a readback, in the kind of list the device runtime asks with. */
    private static List<Point> readback() {
        List<Point> points = new ArrayList<>(1);
        points.add(DIM);
        return points;
    }

    private static Device standIn(int i) {
        return new Device(
                "warm-up-" + i,
                DeviceClass.STREETLIGHT,
                StreetlightDriver.ID,
                "warm-up/stand-in-" + i,
                new GeoLocation(10.93, 108.10),
                Map.of(),
                POINTS,
                null,
                Map.of());
    }

    /** Takes whatever a stand-in reports and keeps nothing. */
    static final DeviceCallback QUIET = new DeviceCallback() {
        @Override
        public void values(List<Value> values) {}

        @Override
        public void health(HealthStatus status, HealthDetail detail, String message) {}

        @Override
        public void alarm(String type, AlarmSeverity severity, boolean active, String message) {}
    };

    /**
     * Answers each command as a node does (a status carrying the command's id, then an acknowledgement), in
     * memory and on one thread of its own.
     */
    private static class EchoLink implements NodeLink {

        private static final ObjectMapper JSON = new ObjectMapper();
        private final Clock clock;
        private final Map<String, BiConsumer<String, byte[]>> handlers = new ConcurrentHashMap<>();
        /** Each stand-in's level, changed by a dim and reported by every status: only the message thread uses it. */
        private final Map<String, Double> levels = new HashMap<>();

        /** As the broker's link bounds its commands out: the stand-ins' commands take the same path. */
        private final CommandWindow commands = new CommandWindow(DriverSettings.COMMANDS_IN_FLIGHT);

        private final ExecutorService messages =
                Executors.newSingleThreadExecutor(PlatformThreads.named("urbis-streetlight-warm-up-messages"));

        EchoLink(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void subscribe(String topic, BiConsumer<String, byte[]> handler, Runnable subscribed) {
            handlers.put(topic, handler);
            if (subscribed != null) {
                messages.execute(subscribed);
            }
        }

        @Override
        public void unsubscribe(String topic) {
            handlers.remove(topic);
        }

        @Override
        public void publish(String topic, byte[] payload) {
            String node = topic.substring(0, topic.length() - "/cmd".length());
            messages.execute(() -> answer(node, payload));
        }

        @Override
        public CommandWindow commands() {
            return commands;
        }

        private void answer(String node, byte[] payload) {
            try {
                JsonNode cmd = JSON.readTree(payload);
                String id = cmd.path("id").asText();
                if (cmd.path("value").isNumber()) {
                    levels.put(node, cmd.path("value").doubleValue());
                }
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("ts", clock.millis());
                status.put("relay", true);
                status.put("dim", levels.getOrDefault(node, 50.0));
                status.put("power", 42.0);
                status.put("energy", 1.5);
                status.put("hours", 12.25);
                status.put("switchOns", 3);
                status.put("lamp", "OK");
                status.put("voltage", 230.0);
                status.put("programId", "");
                status.put("cmd", id);
                deliver(node + "/status", JSON.writeValueAsBytes(status));
                deliver(node + "/ack", JSON.writeValueAsBytes(Map.of("id", id, "ok", true)));
            } catch (IOException e) {
                throw new IllegalStateException("the warm-up cannot answer its own command", e);
            }
        }

        private void deliver(String topic, byte[] payload) {
            BiConsumer<String, byte[]> handler = handlers.get(topic);
            if (handler != null) {
                handler.accept(topic, payload);
            }
        }

        void close() {
            messages.shutdownNow();
        }
    }

    /** The same link as another class: see {@link #rehearse}. */
    private static final class SecondEchoLink extends EchoLink {
        SecondEchoLink(Clock clock) {
            super(clock);
        }
    }

    /** The same link as a third class: see {@link #rehearse}. */
    private static final class ThirdEchoLink extends EchoLink {
        ThirdEchoLink(Clock clock) {
            super(clock);
        }
    }
}
