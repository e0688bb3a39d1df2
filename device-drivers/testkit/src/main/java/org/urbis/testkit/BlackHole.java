package org.urbis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port on the loopback address that takes connections and never answers: the device that
 * hangs, for checking that a driver gives up at its timeout. The operating system completes the
 * connections from the listen backlog; nothing ever accepts or reads them, so it needs no thread.
 */
public final class BlackHole implements AutoCloseable {

    private final ServerSocket socket;

    public BlackHole() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback address", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostAndPort() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to release
        }
    }
}
