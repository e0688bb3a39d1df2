package org.urbis.dnp3.outstation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;
import org.urbis.dnp3.internal.outstation.OutstationEngine;

/**
 * A DNP3 outstation over TCP, for simulators and tests: it listens for its master, or dials out to a master that
 * listens. One master connection at a time; a new one replaces the old. The protocol runs on one thread of its
 * own; blocking sockets are fine for a simulator.
 */
public final class Outstation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outstation.class);
    private static final long REDIAL_MILLIS = 1000;

    private final OutstationEngine engine;
    private final ScheduledExecutorService executor;
    private final ServerSocket server;
    private final InetSocketAddress master;
    private volatile Socket socket;
    private volatile boolean open = true;

    private Outstation(
            OutstationConfig config,
            ControlHandler controls,
            Clock clock,
            ServerSocket server,
            InetSocketAddress master) {
        this.server = server;
        this.master = master;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dnp3-outstation-" + config.address());
            t.setDaemon(true);
            return t;
        });
        this.engine = new OutstationEngine(config, controls, executor, clock);
    }

    /** An outstation listening for its master on this address (port 0 for any free port). */
    public static Outstation listen(
            InetSocketAddress address, OutstationConfig config, ControlHandler controls, Clock clock)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(address);
        Outstation outstation = new Outstation(config, controls, clock, server, null);
        daemon("dnp3-outstation-accept-" + config.address(), outstation::acceptLoop);
        return outstation;
    }

    /** An outstation that dials out to a listening master, and again whenever the connection drops. */
    public static Outstation dial(
            InetSocketAddress master, OutstationConfig config, ControlHandler controls, Clock clock) {
        Outstation outstation = new Outstation(config, controls, clock, null, master);
        daemon("dnp3-outstation-dial-" + config.address(), outstation::dialLoop);
        return outstation;
    }

    /** The listening port, -1 for an outstation that dials out. */
    public int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    /** Adds a point in event class 1 to 3, or 0 for no events. */
    public void define(PointType type, int index, int eventClass) {
        call(() -> {
            engine.define(type, index, eventClass);
            return null;
        });
    }

    /** Sets a point's value now, by the outstation's clock. */
    public void update(PointType type, int index, double value, Set<Quality> quality) {
        update(type, index, value, quality, null);
    }

    /** Sets a point's value with the time it changed. */
    public void update(PointType type, int index, double value, Set<Quality> quality, Instant time) {
        call(() -> {
            engine.update(type, index, value, quality, time == null ? -1 : time.toEpochMilli());
            return null;
        });
    }

    /** The outstation's clock, as set by the master. */
    public Instant time() {
        return Instant.ofEpochMilli(engine.now());
    }

    public Set<IinFlag> indications() {
        return IinFlag.of(engine.iin());
    }

    /**
     * Tells the observer of the classes (0-3) each READ from the master asks for, on the protocol thread (so it must
     * not block): a simulator sees when its master polls it.
     */
    public void observeReads(Consumer<Set<Integer>> observer) {
        call(() -> {
            engine.observeReads(observer);
            return null;
        });
    }

    /** Sets or clears DEVICE_TROUBLE (IIN1.6): something is wrong with the device that its values do not tell. */
    public void deviceTrouble(boolean trouble) {
        call(() -> {
            engine.deviceTrouble(trouble);
            return null;
        });
    }

    /** Asks the master for time (IIN1.4). */
    public void requestTime() {
        call(() -> {
            engine.requestTime();
            return null;
        });
    }

    /** Behaves as after a restart: IIN1.7, unsolicited disabled until the master enables it again. */
    public void restart() {
        call(() -> {
            engine.restart();
            return null;
        });
    }

    private <T> T call(Callable<T> action) {
        try {
            return executor.submit(action).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void acceptLoop() {
        while (open) {
            try {
                serve(server.accept(), false);
            } catch (IOException e) {
                if (open) {
                    LOG.warn("outstation accept failed: {}", e.toString());
                }
            }
        }
    }

    private void dialLoop() {
        while (open) {
            try {
                Socket s = new Socket();
                s.connect(master);
                serve(s, true).join();
            } catch (IOException e) {
                LOG.debug("outstation dial to {} failed: {}", master, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (open) {
                try {
                    TimeUnit.MILLISECONDS.sleep(REDIAL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Reads a connection on its own thread, replacing the one before. */
    private Thread serve(Socket s, boolean dialedOut) throws IOException {
        s.setTcpNoDelay(true);
        closeQuietly(socket);
        socket = s;
        OutputStream out = s.getOutputStream();
        post(() -> engine.connected(bytes -> write(s, out, bytes), dialedOut));
        return daemon("dnp3-outstation-read", () -> readLoop(s));
    }

    private void readLoop(Socket s) {
        byte[] buffer = new byte[4096];
        try (InputStream in = s.getInputStream()) {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                byte[] received = Arrays.copyOf(buffer, count);
                post(() -> {
                    if (socket == s) {
                        engine.received(received, received.length);
                    }
                });
            }
        } catch (IOException e) {
            LOG.debug("outstation connection ended: {}", e.toString());
        }
        post(() -> {
            if (socket == s) {
                engine.disconnected();
            }
        });
        closeQuietly(s);
    }

    /** Runs on the protocol thread unless the outstation is closed. */
    private void post(Runnable action) {
        try {
            executor.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.trace("outstation closed", e);
        }
    }

    private static void write(Socket s, OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            closeQuietly(s);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.trace("close", e);
            }
        }
    }

    @Override
    public void close() {
        open = false;
        closeQuietly(server);
        closeQuietly(socket);
        executor.shutdownNow();
    }
}
