package org.urbis.dnp3.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A TCP relay between a master and an outstation that keeps every chunk in each direction, and may change the
 * chunks from the outstation on their way (to corrupt a frame).
 */
public final class Tap implements AutoCloseable {

    /** One read's worth of bytes. */
    public record Chunk(boolean fromMaster, byte[] bytes) {}

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Chunk> chunks = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private volatile UnaryOperator<byte[]> fromOutstation = UnaryOperator.identity();

    public Tap(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "tap");
        t.setDaemon(true);
        t.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** Rewrites what the outstation sends, chunk by chunk. */
    public void rewriteFromOutstation(UnaryOperator<byte[]> rewrite) {
        fromOutstation = rewrite;
    }

    public synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    private void accept() {
        try {
            while (true) {
                Socket master = server.accept();
                Socket outstation = new Socket(target.getAddress(), target.getPort());
                master.setTcpNoDelay(true);
                outstation.setTcpNoDelay(true);
                synchronized (this) {
                    sockets.add(master);
                    sockets.add(outstation);
                }
                relay(master, outstation, true);
                relay(outstation, master, false);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void relay(Socket from, Socket to, boolean fromMaster) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[4096];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            byte[] chunk = Arrays.copyOf(buffer, n);
                            synchronized (this) {
                                chunks.add(new Chunk(fromMaster, chunk.clone()));
                            }
                            out.write(fromMaster ? chunk : fromOutstation.apply(chunk));
                        }
                    } catch (IOException e) {
                        // one side closed
                    } finally {
                        closeQuietly(to);
                        closeQuietly(from);
                    }
                },
                "tap-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        sockets.forEach(Tap::closeQuietly);
    }
}
