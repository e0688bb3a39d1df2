package org.urbis.telemetry.internal.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.Outbound;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogEntry;

/**
 * Forwards the store-and-forward log to the broker and takes commands back.
 *
 * <p>One thread owns the connection: it connects (and keeps retrying with back-off, a failed first
 * connect included), subscribes again after every connect, publishes the births, then reads the
 * log in order, publishes at QoS 1 and acknowledges each batch in the log once the broker has
 * confirmed all of it. When a publish fails or the connection drops, it reconnects and resends
 * from the first unacknowledged record: nothing accepted is lost; what may arrive twice is counted
 * by the log. Reconnection is done here rather than by Paho so that each connection gets a fresh
 * Sparkplug session (a new bdSeq in its Will).
 *
 * <p>Several broker URLs are Paho's server URIs: a connect tries them in order, starting with the one
 * of the last connection. With a primary host application (Sparkplug 3.0), the births wait for its
 * online STATE and data stays in the log while it is offline. A client id taken over by another
 * client (the broker closes the older connection) shows as connections lost right after good
 * connects; after {@value #TAKEOVER_AFTER} of them in a row this runtime backs off for ever longer
 * instead of fighting for the session, and says so in its stats until a connection stays up.
 */
public final class Uplink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);
    /** Short connections lost in a row before they are taken for a session takeover. */
    static final int TAKEOVER_AFTER = 3;
    /** The longest pause while another client holds the session. */
    static final Duration TAKEOVER_MAX_PAUSE = Duration.ofMinutes(10);

    /** Where the connection is. */
    public enum State {
        CONNECTING,
        CONNECTED,
        DISCONNECTED,
        STOPPED
    }

    private record Reply(CommandRequest request, CommandResult result) {}

    private final LinkSettings settings;
    private final Encoding encoding;
    private final Catalogue catalogue;
    private final DurableLog log;
    private final CommandGateway commands;
    private final Thread thread;
    private final Object signal = new Object();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Downlink.Malformed> errors = new ConcurrentLinkedQueue<>();

    private volatile boolean running = true;
    private volatile boolean rebirth;
    private volatile boolean lost;
    private volatile State state = State.DISCONNECTED;
    private volatile Encoding.Session session;
    private volatile String lastError = "";
    private volatile Instant lastErrorAt;
    private MqttAsyncClient client;
    private long historicalBefore;
    private final List<String> servers;
    /** Index in {@link #servers} of the first server the next connect tries. */
    private int startAt;

    private volatile String connectedTo = "";

    /** Whether this connection's births are out, so that data may flow. */
    private volatile boolean born;
    /** The primary host's STATE on the current connection. */
    private volatile boolean hostKnown;

    private volatile boolean hostOnline;
    private volatile long hostTimestamp = -1;
    private volatile Instant hostSince;

    /** When the current (or last) connection came up, for telling a takeover from a stable session. */
    private volatile Instant connectedAt;

    private boolean sessionToJudge;
    /** Whether the last connect attempt got its CONNACK (a takeover can strike right after it). */
    private boolean reachedBroker;

    private volatile boolean droppedByBroker;
    private int shortLosses;
    private volatile boolean takenOver;
    private final AtomicLong takeovers = new AtomicLong();

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong commandCount = new AtomicLong();
    private final AtomicLong malformedCount = new AtomicLong();
    private final AtomicLong ignoredCount = new AtomicLong();

    public Uplink(
            LinkSettings settings, Encoding encoding, Catalogue catalogue, DurableLog log, CommandGateway commands) {
        this.settings = settings;
        this.encoding = encoding;
        this.catalogue = catalogue;
        this.log = log;
        this.commands = commands;
        this.servers = settings.brokerUrls();
        this.thread = PlatformThreads.named("urbis-telemetry-uplink").newThread(this::run);
    }

    public Uplink start() {
        thread.start();
        return this;
    }

    public LinkStats stats() {
        boolean up = state == State.CONNECTED;
        return new LinkStats(
                state,
                settings.brokerUrl(),
                up ? connectedTo : "",
                up ? connectedAt : null,
                connects.get(),
                connectFailures.get(),
                published.get(),
                confirmed.get(),
                commandCount.get(),
                malformedCount.get(),
                ignoredCount.get(),
                lastError,
                lastErrorAt,
                new LinkStats.HostStatus(encoding.primaryHost(), hostKnown, hostOnline, hostSince, born),
                takenOver,
                takeovers.get());
    }

    private boolean awaitsHost() {
        return !encoding.primaryHost().isEmpty();
    }

    // ---- the uplink thread ----

    private void run() {
        Duration backoff = settings.reconnectMin();
        while (running) {
            try {
                if (client == null || !client.isConnected() || lost) {
                    Duration takeover = judgeEndedSession();
                    if (takeover != null) {
                        pause(takeover);
                        if (!running) {
                            break;
                        }
                    }
                    if (connect()) {
                        if (!awaitsHost()) {
                            backoff = settings.reconnectMin();
                        }
                    } else {
                        if (!reachedBroker) {
                            shortLosses = 0; // the broker could not be reached: no other client is holding it
                        }
                        pause(backoff);
                        backoff = longer(backoff);
                    }
                    continue;
                }
                judgeRunningSession();
                if (awaitsHost() && !born) {
                    if (hostOnline) {
                        birth();
                        // Only a birth ends the back-off: a server where the host is offline is no better than none.
                        backoff = settings.reconnectMin();
                    } else if (hostKnown && servers.size() > 1) {
                        // 3.0 operational-behavior-primary-application-state-with-multiple-servers-walk:
                        // the host is offline on this server; try the next one, at the pace of a failed connect.
                        leave("the primary host " + encoding.primaryHost() + " is offline on " + connectedTo);
                        pause(backoff);
                        backoff = longer(backoff);
                    } else {
                        awaitHost();
                    }
                    continue;
                }
                if (awaitsHost() && !hostOnline) {
                    // 3.0 message-flow-edge-node-birth-publish-phid-offline and
                    // operational-behavior-edge-node-termination-host-offline: NDEATH, DISCONNECT, then
                    // a new session (new bdSeq) on the next server; the data waits in the log meanwhile.
                    leave("the primary host " + encoding.primaryHost() + " went offline");
                    continue;
                }
                forwardOnce();
            } catch (MqttException | RuntimeException e) {
                connectionFailed("publish failed: " + describe(e));
            } catch (IOException e) {
                error("telemetry store: " + e);
                pause(settings.reconnectMin());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        shutdown();
    }

    private Duration longer(Duration backoff) {
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : twice;
    }

    /**
     * Looks at the connection that just ended: lost by the broker soon after a good connect, again
     * and again, means another client with this client id takes the session over each time this one
     * connects. Returns how long to keep away, or null to reconnect as usual.
     */
    private Duration judgeEndedSession() {
        if (!sessionToJudge) {
            return null;
        }
        sessionToJudge = false;
        boolean shortLoss =
                droppedByBroker && Duration.between(connectedAt, Instant.now()).compareTo(settings.stableAfter()) < 0;
        if (!shortLoss) {
            shortLosses = 0;
            return null;
        }
        shortLosses++;
        if (shortLosses < TAKEOVER_AFTER) {
            return null;
        }
        takeovers.incrementAndGet();
        // At least a stable session long: the client holding it then never takes this runtime's
        // return for a takeover of its own, and keeps the session.
        Duration base = settings.reconnectMax().compareTo(settings.stableAfter()) > 0
                ? settings.reconnectMax()
                : settings.stableAfter();
        Duration pause = base.multipliedBy(1L << Math.min(shortLosses - TAKEOVER_AFTER, 20));
        Duration cap = base.compareTo(TAKEOVER_MAX_PAUSE) > 0 ? base : TAKEOVER_MAX_PAUSE;
        pause = pause.compareTo(cap) > 0 ? cap : pause;
        // A little randomness, so that two runtimes on one client id do not keep meeting.
        pause = pause.plusMillis(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(pause.toMillis() / 5 + 1));
        String problem = "client id " + settings.clientId() + " taken over by another client on " + connectedTo + " ("
                + shortLosses + " connections in a row lost right after connecting); backing off " + pause.toSeconds()
                + " s";
        if (!takenOver) {
            LOG.warn(
                    "Telemetry: {}. Another runtime probably has the same client.id/node.id: give each its own",
                    problem);
        }
        takenOver = true;
        error(problem);
        return pause;
    }

    /** A connection that stays up holds its session: whatever looked like a takeover is over. */
    private void judgeRunningSession() {
        if ((shortLosses > 0 || takenOver)
                && connectedAt != null
                && Duration.between(connectedAt, Instant.now()).compareTo(settings.stableAfter()) >= 0) {
            if (takenOver) {
                LOG.info(
                        "Telemetry: the session of client id {} has been held for {} s again",
                        settings.clientId(),
                        settings.stableAfter().toSeconds());
            }
            shortLosses = 0;
            takenOver = false;
        }
    }

    /** Waits for the primary host's STATE (or a lost connection), without missing the wake-up. */
    private void awaitHost() {
        synchronized (signal) {
            if (running && !hostOnline && !lost) {
                try {
                    signal.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** The births of this connection; what the log holds from before them is replayed as historical. */
    private void birth() throws MqttException, IOException {
        rebirth = false;
        historicalBefore = log.endIndex();
        log.rewind();
        if (!publishAll(session.births())) {
            throw new MqttException(MqttException.REASON_CODE_CONNECTION_LOST);
        }
        born = true;
        if (awaitsHost()) {
            LOG.info("Telemetry: primary host {} online: births published on {}", encoding.primaryHost(), connectedTo);
        }
    }

    /** Ends this session cleanly (its death certificate first) and moves on to the next server. */
    private void leave(String why) throws IOException {
        LOG.info(
                "Telemetry: {}: leaving {}{}; data waits in the buffer",
                why,
                connectedTo,
                born ? " with a death certificate" : "");
        Encoding.Session s = session;
        try {
            if (born && s != null) {
                publishAll(s.goodbye());
            }
            client.disconnect(1000).waitForCompletion(2000);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Telemetry: unclean disconnect: {}", e.toString());
        }
        closeClient();
        log.rewind();
        lost = true;
        born = false;
        state = State.DISCONNECTED;
        startAt = (servers.indexOf(connectedTo) + 1) % servers.size();
    }

    private void forwardOnce() throws MqttException, IOException, InterruptedException {
        Encoding.Session s = session;
        if (rebirth) {
            rebirth = false;
            LOG.info("Telemetry: rebirth requested by the operations centre");
            publishAll(s.births());
        }
        Downlink.Malformed m;
        while ((m = errors.poll()) != null) {
            publishAll(s.errorReply(m));
        }
        Reply r;
        while ((r = replies.poll()) != null) {
            publishAll(s.reply(r.request(), r.result()));
        }
        List<LogEntry> entries = log.read(settings.maxBatch(), Duration.ofMillis(200));
        if (entries.isEmpty() || lost) {
            if (!entries.isEmpty()) {
                log.rewind();
            }
            return;
        }
        long next = entries.get(entries.size() - 1).index() + 1;
        List<Outbound> messages = s.encode(entries, historicalBefore);
        log.markSent(next);
        if (publishAll(messages)) {
            log.acknowledge(next);
        } else {
            log.rewind();
        }
    }

    /** Publishes in order within the in-flight window; true when the broker confirmed every message. */
    private boolean publishAll(List<Outbound> messages) throws MqttException {
        ArrayDeque<IMqttDeliveryToken> inflight = new ArrayDeque<>();
        long timeout = settings.publishTimeout().toMillis();
        for (Outbound o : messages) {
            while (inflight.size() >= settings.maxInflight()) {
                complete(inflight.poll(), timeout);
            }
            MqttMessage msg = new MqttMessage(o.payload());
            msg.setQos(o.qos());
            msg.setRetained(o.retained());
            inflight.add(publish(o.topic(), msg, inflight, timeout));
            published.incrementAndGet();
        }
        while (!inflight.isEmpty()) {
            complete(inflight.poll(), timeout);
        }
        return !lost;
    }

    /**
     * Publishes one message. Paho releases an in-flight slot only after the token of its PUBACK has
     * completed, on another thread, so its "too many publishes in progress" is a wait, not a failure.
     */
    private IMqttDeliveryToken publish(
            String topic, MqttMessage msg, ArrayDeque<IMqttDeliveryToken> inflight, long timeout) throws MqttException {
        long deadline = System.nanoTime() + timeout * 1_000_000;
        while (true) {
            try {
                return client.publish(topic, msg);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT
                        || System.nanoTime() > deadline
                        || lost) {
                    throw e;
                }
                if (!inflight.isEmpty()) {
                    complete(inflight.poll(), timeout);
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            }
        }
    }

    private void complete(IMqttDeliveryToken token, long timeout) throws MqttException {
        token.waitForCompletion(timeout);
        if (!token.isComplete()) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
        }
        confirmed.incrementAndGet();
    }

    private boolean connect() throws InterruptedException {
        state = State.CONNECTING;
        closeClient();
        lost = false;
        born = false;
        droppedByBroker = false;
        reachedBroker = false;
        // 3.0 phid-wait: the host's state is learnt anew from this server's retained STATE.
        hostKnown = false;
        hostOnline = false;
        hostTimestamp = -1;
        Encoding.Session s = encoding.newSession(catalogue);
        List<String> order = new ArrayList<>(servers.subList(startAt, servers.size()));
        order.addAll(servers.subList(0, startAt));
        try {
            MqttAsyncClient c = new MqttAsyncClient(order.get(0), settings.clientId(), new MemoryPersistence());
            client = c;
            c.setCallback(new Callback(c));
            MqttConnectOptions options = options(s);
            if (servers.size() > 1) {
                options.setServerURIs(order.toArray(String[]::new));
            }
            c.connect(options).waitForCompletion((settings.connectTimeout().toMillis() + 1000) * order.size());
            connectedTo = c.getCurrentServerURI();
            startAt = Math.max(0, servers.indexOf(connectedTo));
            reachedBroker = true;
            connectedAt = Instant.now();
            sessionToJudge = true;
            session = s;
            for (String topic : s.subscriptions()) {
                c.subscribe(topic, 1)
                        .waitForCompletion(settings.connectTimeout().toMillis());
            }
            if (!awaitsHost()) {
                birth();
            }
            connects.incrementAndGet();
            state = State.CONNECTED;
            LOG.info(
                    "Telemetry connected to {} as {} ({} encoding{})",
                    connectedTo,
                    settings.clientId(),
                    encoding.name(),
                    awaitsHost() ? ", births wait for primary host " + encoding.primaryHost() : "");
            return true;
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            connectFailures.incrementAndGet();
            String problem = "cannot connect to " + String.join(", ", order) + ": " + describe(e);
            if (connectFailures.get() == 1 || !problem.equals(lastError)) {
                LOG.warn("Telemetry {}; retrying", problem);
            }
            error(problem);
            closeClient();
            state = State.DISCONNECTED;
            // Lost between CONNACK and the births: judged like any other short connection.
            droppedByBroker = reachedBroker;
            return false;
        }
    }

    private MqttConnectOptions options(Encoding.Session s) throws IOException, GeneralSecurityException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        // Paho frees a slot a little after the token completes: give it room beyond our own window.
        o.setMaxInflight(settings.maxInflight() * 2 + 10);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().toCharArray());
        }
        Outbound will = s.will();
        if (will != null) {
            o.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        }
        if (settings.tls()) {
            o.setSocketFactory(sslContext().getSocketFactory());
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    private SSLContext sslContext() throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (settings.trustStore().isEmpty()) {
            ctx.init(null, null, null);
            return ctx;
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(settings.trustStore()))) {
            ks.load(in, settings.trustStorePassword().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private void connectionFailed(String problem) {
        LOG.warn("Telemetry link to {} lost: {}; resending from the first unconfirmed record", connectedTo, problem);
        error(problem);
        lost = true;
        born = false;
        state = State.DISCONNECTED;
        try {
            log.rewind();
        } catch (IOException e) {
            error("telemetry store: " + e);
        }
        closeClient();
    }

    private void shutdown() {
        Encoding.Session s = session;
        if (client != null && client.isConnected() && s != null) {
            try {
                if (born) {
                    publishAll(s.goodbye());
                }
                client.disconnect(1000).waitForCompletion(2000);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("Telemetry: unclean disconnect: {}", e.toString());
            }
        }
        closeClient();
        state = State.STOPPED;
    }

    private void closeClient() {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 500, false);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Telemetry: forcible disconnect: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Telemetry: close: {}", e.toString());
        }
    }

    private void pause(Duration d) {
        synchronized (signal) {
            if (running) {
                try {
                    signal.wait(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
        log.wakeReader();
    }

    private void error(String problem) {
        lastError = problem;
        lastErrorAt = Instant.now();
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        return (m == null ? e.getClass().getSimpleName() : m) + (cause == null ? "" : " (" + cause + ")");
    }

    // ---- downlink, on the MQTT client's thread ----

    private final class Callback implements MqttCallback {

        /** The client this callback belongs to: a late call from a closed one must not touch the next. */
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (owner != client) {
                return;
            }
            droppedByBroker = true;
            lost = true;
            error("connection lost: " + (cause == null ? "" : describe(cause)));
            wake();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner != client) {
                return;
            }
            try {
                handle(topic, message.getPayload());
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                malformedCount.incrementAndGet();
                LOG.warn("Telemetry: command on {} could not be handled: {}", topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Confirmations are awaited on the tokens themselves.
        }
    }

    void handle(String topic, byte[] payload) {
        Encoding.Session s = session;
        if (s == null) {
            return;
        }
        Downlink d = s.decode(topic, payload);
        if (d instanceof Downlink.Commands c) {
            for (CommandRequest req : c.requests()) {
                commandCount.incrementAndGet();
                LOG.info(
                        "Telemetry: command from the operations centre: {}/{} = {}",
                        req.deviceId(),
                        req.point(),
                        req.value());
                commands.submit(req).whenComplete((result, failure) -> {
                    CommandResult res = result != null
                            ? result
                            : new CommandResult(
                                    req.correlation(),
                                    req.deviceId(),
                                    CommandState.FAILED,
                                    String.valueOf(failure),
                                    Instant.now(),
                                    List.of());
                    replies.add(new Reply(req, res));
                    wake();
                });
            }
        } else if (d instanceof Downlink.Rebirth) {
            rebirth = true;
            wake();
        } else if (d instanceof Downlink.Malformed m) {
            malformedCount.incrementAndGet();
            LOG.warn("Telemetry: refused a command on {}: {}", topic, m.problem());
            errors.add(m);
            wake();
        } else if (d instanceof Downlink.HostState h) {
            hostState(h);
        } else if (d instanceof Downlink.NotOurs n) {
            ignoredCount.incrementAndGet();
            LOG.debug("Telemetry: left a command on {} to its own runtime: {}", topic, n.why());
        } else if (d instanceof Downlink.Ignored i) {
            LOG.debug("Telemetry: ignored a message on {}: {}", topic, i.why());
        }
    }

    private void hostState(Downlink.HostState h) {
        // 3.0 phid-wait-timestamp and termination-host-offline-timestamp: a STATE older than the one
        // already seen on this connection (a late Will of the host's previous session) changes nothing.
        if (h.timestamp() >= 0 && hostTimestamp >= 0 && h.timestamp() < hostTimestamp) {
            LOG.debug("Telemetry: ignored a stale STATE of {} ({} < {})", h.host(), h.timestamp(), hostTimestamp);
            return;
        }
        if (h.timestamp() >= 0) {
            hostTimestamp = h.timestamp();
        }
        if (!hostKnown || hostOnline != h.online()) {
            hostSince = Instant.now();
            LOG.info("Telemetry: primary host {} is {}", h.host(), h.online() ? "online" : "offline");
        }
        hostOnline = h.online();
        hostKnown = true;
        wake();
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(settings.publishTimeout().toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
