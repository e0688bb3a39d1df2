package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;

/**
 * The bound on commands out at the nodes of a link: their answers wait at the broker, whose queue for one client is
 * bounded, so the rest wait in the driver.
 */
class CommandWindowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofSeconds(30);

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private StreetlightDriver driver;
    private final List<LuminaireSession> sessions = new ArrayList<>();

    @AfterEach
    void tearDown() {
        sessions.forEach(LuminaireSession::close);
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void commandsBeyondTheWindowWaitTheirTurnInOrderAndLeaveTheQueueWhenTheyEnd() {
        CommandWindow window = new CommandWindow(2);
        List<String> sent = new ArrayList<>();
        CommandWindow.Place a = window.enter(() -> sent.add("a"));
        CommandWindow.Place b = window.enter(() -> sent.add("b"));
        window.enter(() -> sent.add("c"));
        CommandWindow.Place d = window.enter(() -> sent.add("d"));
        CommandWindow.Place e = window.enter(() -> sent.add("e"));
        assertEquals(List.of("a", "b"), sent);
        assertEquals(3, window.waiting());

        d.release(); // its time ran out while it waited: never sent
        a.release();
        assertEquals(List.of("a", "b", "c"), sent);
        b.release();
        b.release(); // given back once only
        assertEquals(List.of("a", "b", "c", "e"), sent);
        assertEquals(2, window.held());
        assertEquals(0, window.waiting());
        e.release();
        assertEquals(1, window.held());
    }

    @Test
    void aCommandThatSendsNothingPassesItsPlaceOn() {
        CommandWindow window = new CommandWindow(1);
        List<String> sent = new ArrayList<>();
        CommandWindow.Place first = window.enter(() -> sent.add("first"));
        for (int i = 0; i < 10_000; i++) {
            window.enter(() -> false); // ran out of time, or the link is down
        }
        window.enter(() -> sent.add("last"));
        first.release();
        assertEquals(List.of("first", "last"), sent);
        assertEquals(1, window.held());
        assertEquals(0, window.waiting());
    }

    @Test
    void aLinkNeverHasMoreCommandsOutThanItsWindowAndACommandWhoseTimeRanOutWaitingIsNeverSent() throws Exception {
        HeldLink link = new HeldLink(2);
        List<LuminaireSession> s = sessions(link, 3);
        // Each session asks its node for a status as it starts: two questions out, the third waits.
        assertEquals(2, link.out().size());
        assertEquals(1, link.commands().waiting());
        link.answerAll();
        assertEquals(1, link.out().size(), "the third question went out as the first answers came");
        link.answerAll();

        Point dim = Luminaires.device("x", "x").point("dim").orElseThrow();
        CompletableFuture<Void> first = s.get(0).writeAsync(dim, 40.0, LONG).toCompletableFuture();
        CompletableFuture<Void> second = s.get(1).writeAsync(dim, 41.0, LONG).toCompletableFuture();
        CompletableFuture<Void> late =
                s.get(2).writeAsync(dim, 42.0, Duration.ofMillis(50)).toCompletableFuture();
        assertEquals(List.of("lamp-0 dim", "lamp-1 dim"), link.out());
        Await.until("the waiting command's time to run out", LONG, late::isDone);
        DriverException refused = cause(late);
        assertEquals(QualityReason.TIMEOUT, refused.reason());
        assertTrue(refused.getMessage().startsWith("dim not sent to lamp-2: it waited 50 ms"), refused.getMessage());

        link.answerAll();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertTrue(link.out().isEmpty());
        assertEquals(List.of(), link.published("lamp-2 dim"), "the command whose time ran out was never sent");
        assertEquals(0, link.commands().held());
        assertEquals(0, link.commands().waiting());
    }

    @Test
    void aCommandWaitingForItsTurnWhenItsSessionClosesIsNeverSent() throws Exception {
        HeldLink link = new HeldLink(1);
        List<LuminaireSession> s = sessions(link, 2);
        link.answerAll();
        link.answerAll();
        Point dim = Luminaires.device("x", "x").point("dim").orElseThrow();
        CompletableFuture<Void> out = s.get(0).writeAsync(dim, 40.0, LONG).toCompletableFuture();
        CompletableFuture<Void> waiting = s.get(1).writeAsync(dim, 41.0, LONG).toCompletableFuture();
        s.get(1).close();
        link.answerAll();
        out.get(10, TimeUnit.SECONDS);
        assertTrue(
                cause(waiting).getMessage().contains("the session closed"),
                cause(waiting).getMessage());
        assertEquals(List.of(), link.published("lamp-1 dim"));
        assertEquals(0, link.commands().held());
    }

    private List<LuminaireSession> sessions(HeldLink link, int n) {
        DriverSettings settings = DriverSettings.defaults(broker.url());
        driver = new StreetlightDriver(settings, Clock.systemUTC());
        List<LuminaireSession> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LuminaireSession session = new LuminaireSession(
                    Luminaires.device("lamp-" + i, "lamp-" + i),
                    LuminaireWarmUp.QUIET,
                    driver,
                    link,
                    new NodeTraffic(),
                    settings,
                    Clock.systemUTC());
            session.start();
            made.add(session);
        }
        sessions.addAll(made);
        return made;
    }

    private static DriverException cause(CompletableFuture<?> failed) throws InterruptedException {
        try {
            failed.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (DriverException) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("still waiting", e);
        }
        throw new AssertionError("it did not fail");
    }

    /** Keeps what the sessions publish until the test answers it as the nodes would: a status, then an acknowledgement. */
    private static final class HeldLink implements NodeLink {
        private final CommandWindow commands;
        private final Map<String, BiConsumer<String, byte[]>> handlers = new ConcurrentHashMap<>();
        /** Commands published and not answered: node, id, op and value. */
        private final List<JsonNode> out = new ArrayList<>();
        /** Every command published, as "node op". */
        private final List<String> published = new ArrayList<>();

        HeldLink(int window) {
            this.commands = new CommandWindow(window);
        }

        @Override
        public void subscribe(String topic, BiConsumer<String, byte[]> handler, Runnable subscribed) {
            handlers.put(topic, handler);
            if (subscribed != null) {
                subscribed.run();
            }
        }

        @Override
        public void unsubscribe(String topic) {
            handlers.remove(topic);
        }

        @Override
        public synchronized void publish(String topic, byte[] payload) {
            String node = topic.substring(0, topic.length() - "/cmd".length());
            try {
                JsonNode cmd = JSON.readTree(payload);
                out.add(JSON.createObjectNode().put("node", node).setAll((ObjectNode) cmd));
                published.add(node + " " + cmd.path("op").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CommandWindow commands() {
            return commands;
        }

        /** The commands out, as "node op". */
        synchronized List<String> out() {
            return out.stream()
                    .map(c -> c.path("node").asText() + " " + c.path("op").asText())
                    .toList();
        }

        synchronized List<String> published(String what) {
            return published.stream().filter(what::equals).toList();
        }

        /** Answers the commands out so far, in order; those the answers let out stay out. */
        void answerAll() throws IOException {
            List<JsonNode> answering;
            synchronized (this) {
                answering = List.copyOf(out);
                out.clear();
            }
            for (JsonNode cmd : answering) {
                String node = cmd.path("node").asText();
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("ts", System.currentTimeMillis());
                status.put("relay", true);
                status.put(
                        "dim", cmd.path("value").isNumber() ? cmd.path("value").doubleValue() : 50.0);
                status.put("power", 42.0);
                status.put("lamp", "OK");
                status.put("voltage", 230.0);
                status.put("cmd", cmd.path("id").asText());
                deliver(node + "/status", JSON.writeValueAsBytes(status));
                deliver(
                        node + "/ack",
                        JSON.writeValueAsBytes(Map.of("id", cmd.path("id").asText(), "ok", true)));
            }
        }

        private void deliver(String topic, byte[] payload) {
            BiConsumer<String, byte[]> handler = handlers.get(topic);
            if (handler != null) {
                handler.accept(topic, payload);
            }
        }
    }
}
