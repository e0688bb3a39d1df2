package org.urbis.simulator.water;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP proxy that forwards whole frames to a server and, on request, misbehaves: late
 * replies, exception codes, dropped connections, garbled or noisy replies, silence. It also counts requests
 * per function code, which is how tests see how many round trips a read took.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Armed> faults = new ConcurrentLinkedQueue<>();
    private final LongAdder requests = new LongAdder();
    private final AtomicLong[] perFunction = new AtomicLong[128];
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    /** The noise of CORRUPT faults, seeded when one is injected; guarded by itself. */
    private volatile Random noise = new Random(0);

    private volatile boolean closed;

    private record Armed(Fault fault, AtomicInteger remaining) {}

    /**
     * Listens on {@code bind:port} (0 picks a free port) and forwards to {@code upstream}.
     */
    public FaultProxy(InetAddress bind, int port, InetSocketAddress upstream) throws IOException {
        for (int i = 0; i < perFunction.length; i++) {
            perFunction[i] = new AtomicLong();
        }
        this.upstream = upstream;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 200);
        acceptor = new Thread(this::accept, "modbus-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Applies the fault to the next {@code times} matching requests ({@code -1}: until {@link #clearFaults}). */
    public void inject(Fault fault, int times) {
        if (fault.kind() == Fault.Kind.CORRUPT) {
            noise = new Random(fault.arg());
        }
        faults.add(new Armed(fault, new AtomicInteger(times)));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Closes every client connection now, as a network outage or an RTU reboot would. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    /** Requests received so far. */
    public long requests() {
        return requests.sum();
    }

    /** Requests received so far with this function code. */
    public long requests(int functionCode) {
        return perFunction[functionCode & 0x7F].get();
    }

    /** Client connections accepted so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                client.setTcpNoDelay(true);
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "modbus-proxy-conn-" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Accepting a connection failed", e);
                }
            }
        }
    }

    private void serve(Socket client) {
        Socket up = null;
        try {
            up = new Socket();
            up.connect(upstream, 2000);
            up.setTcpNoDelay(true);
            sockets.add(up);
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            DataInputStream upIn = new DataInputStream(up.getInputStream());
            OutputStream upOut = up.getOutputStream();
            while (!closed) {
                byte[] request = readFrame(in);
                if (request == null) {
                    return;
                }
                int unit = request[6] & 0xFF;
                int function = request[7] & 0xFF;
                requests.increment();
                perFunction[function & 0x7F].incrementAndGet();
                Fault fault = take(unit);
                if (fault != null) {
                    switch (fault.kind()) {
                        case DROP:
                            return;
                        case SILENCE:
                            continue;
                        case EXCEPTION:
                            out.write(new byte[] {
                                request[0],
                                request[1],
                                0,
                                0,
                                0,
                                3,
                                (byte) unit,
                                (byte) (function | 0x80),
                                (byte) fault.arg()
                            });
                            out.flush();
                            continue;
                        case DELAY:
                            Thread.sleep(fault.arg());
                            break;
                        default:
                            break;
                    }
                }
                upOut.write(request);
                upOut.flush();
                byte[] reply = readFrame(upIn);
                if (reply == null) {
                    return;
                }
                if (fault != null && fault.kind() == Fault.Kind.GARBLE) {
                    reply = garble(reply);
                } else if (fault != null && fault.kind() == Fault.Kind.CORRUPT) {
                    reply = corrupt(reply);
                }
                out.write(reply);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SocketException | EOFException e) {
            LOG.debug("Proxied connection ended: {}", e.toString());
        } catch (IOException e) {
            LOG.debug("Proxied connection failed", e);
        } finally {
            closeQuietly(client);
            sockets.remove(client);
            if (up != null) {
                closeQuietly(up);
                sockets.remove(up);
            }
        }
    }

    /** A reply whose data is cut by two bytes while the MBAP length stays consistent with what is sent. */
    static byte[] garble(byte[] reply) {
        int function = reply[7] & 0xFF;
        if (function <= 4 && reply.length > 9) {
            int byteCount = reply[8] & 0xFF;
            int cut = Math.min(2, byteCount);
            byte[] g = Arrays.copyOf(reply, reply.length - cut);
            g[8] = (byte) (byteCount - cut);
            int length = g.length - 6;
            g[4] = (byte) (length >> 8);
            g[5] = (byte) length;
            return g;
        }
        byte[] g = reply.clone();
        g[g.length - 1] ^= 0x5A; // a write echo naming other data
        g[8] ^= 0x01;
        return g;
    }

    /** The reply with one to four random bits flipped, anywhere in it, header included. */
    private byte[] corrupt(byte[] reply) {
        byte[] c = reply.clone();
        Random r = noise;
        synchronized (r) {
            for (int flips = 1 + r.nextInt(4); flips > 0; flips--) {
                c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
            }
        }
        return c;
    }

    private Fault take(int unit) {
        for (Iterator<Armed> it = faults.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (a.fault().unit() != 0 && a.fault().unit() != unit) {
                continue;
            }
            int left = a.remaining().get();
            if (left < 0) {
                return a.fault();
            }
            if (left > 0 && a.remaining().compareAndSet(left, left - 1)) {
                if (left == 1) {
                    it.remove();
                }
                return a.fault();
            }
        }
        return null;
    }

    /** One MBAP frame, or {@code null} at end of stream. */
    static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] header = new byte[6];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        }
        int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (length < 2 || length > 260) {
            throw new IOException("MBAP length " + length + " is out of range");
        }
        byte[] frame = Arrays.copyOf(header, 6 + length);
        in.readFully(frame, 6, length);
        return frame;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropConnections();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
