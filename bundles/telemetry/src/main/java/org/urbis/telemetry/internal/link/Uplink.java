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
 */
public final class Uplink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);

    /** Where the connection is. */
    public enum State {
        CONNECTING,
        CONNECTED,
        DISCONNECTED,
        STOPPED
    }

    private record Reply(CommandRequest request, CommandResult result) {
    }

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

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong commandCount = new AtomicLong();
    private final AtomicLong malformedCount = new AtomicLong();

    public Uplink(LinkSettings settings, Encoding encoding, Catalogue catalogue, DurableLog log, CommandGateway commands) {
        this.settings = settings;
        this.encoding = encoding;
        this.catalogue = catalogue;
        this.log = log;
        this.commands = commands;
        this.thread = new Thread(this::run, "urbis-telemetry-uplink");
        this.thread.setDaemon(true);
    }

    public Uplink start() {
        thread.start();
        return this;
    }

    public LinkStats stats() {
        return new LinkStats(state, settings.brokerUrl(), connects.get(), connectFailures.get(), published.get(),
                confirmed.get(), commandCount.get(), malformedCount.get(), lastError, lastErrorAt);
    }

    // ---- the uplink thread ----

    private void run() {
        Duration backoff = settings.reconnectMin();
        while (running) {
            try {
                if (client == null || !client.isConnected() || lost) {
                    if (connect()) {
                        backoff = settings.reconnectMin();
                    } else {
                        pause(backoff);
                        backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMax()) > 0
                                ? settings.reconnectMax() : backoff.multipliedBy(2);
                    }
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
    private IMqttDeliveryToken publish(String topic, MqttMessage msg, ArrayDeque<IMqttDeliveryToken> inflight,
            long timeout) throws MqttException {
        long deadline = System.nanoTime() + timeout * 1_000_000;
        while (true) {
            try {
                return client.publish(topic, msg);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline || lost) {
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
        Encoding.Session s = encoding.newSession(catalogue);
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            client.setCallback(new Callback());
            MqttConnectOptions options = options(s);
            client.connect(options).waitForCompletion(settings.connectTimeout().toMillis() + 1000);
            session = s;
            for (String topic : s.subscriptions()) {
                client.subscribe(topic, 1).waitForCompletion(settings.connectTimeout().toMillis());
            }
            historicalBefore = log.endIndex();
            log.rewind();
            if (!publishAll(s.births())) {
                throw new MqttException(MqttException.REASON_CODE_CONNECTION_LOST);
            }
            connects.incrementAndGet();
            state = State.CONNECTED;
            LOG.info("Telemetry connected to {} as {} ({} encoding)", settings.brokerUrl(), settings.clientId(),
                    encoding.name());
            return true;
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            connectFailures.incrementAndGet();
            String problem = "cannot connect to " + settings.brokerUrl() + ": " + describe(e);
            if (connectFailures.get() == 1 || !problem.equals(lastError)) {
                LOG.warn("Telemetry {}; retrying", problem);
            }
            error(problem);
            closeClient();
            state = State.DISCONNECTED;
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
        if (settings.brokerUrl().startsWith("ssl://")) {
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
        LOG.warn("Telemetry link to {} lost: {}; resending from the first unconfirmed record", settings.brokerUrl(), problem);
        error(problem);
        lost = true;
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
                publishAll(s.goodbye());
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

        @Override
        public void connectionLost(Throwable cause) {
            lost = true;
            error("connection lost: " + (cause == null ? "" : describe(cause)));
            wake();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
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
                LOG.info("Telemetry: command from the operations centre: {}/{} = {}", req.deviceId(), req.point(), req.value());
                commands.submit(req).whenComplete((result, failure) -> {
                    CommandResult res = result != null ? result
                            : new CommandResult(req.correlation(), req.deviceId(), CommandState.FAILED,
                                    String.valueOf(failure), Instant.now(), List.of());
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
        } else if (d instanceof Downlink.Ignored i) {
            LOG.debug("Telemetry: ignored a message on {}: {}", topic, i.why());
        }
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
