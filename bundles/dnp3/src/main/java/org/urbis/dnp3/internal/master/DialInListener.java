package org.urbis.dnp3.internal.master;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.dnp3.Association;
import org.urbis.dnp3.AssociationConfig;
import org.urbis.dnp3.AssociationListener;
import org.urbis.dnp3.DialInPort;
import org.urbis.dnp3.internal.link.LinkFrame;
import org.urbis.dnp3.internal.link.LinkParser;

/**
 * Accepts outstations that dial in and gives each connection to the association of the outstation whose
 * address is the source of the first link frame sent to its master; unknown outstations are hung up on.
 */
final class DialInListener implements DialInPort, IoLoop.Ready {

    private static final Logger LOG = LoggerFactory.getLogger(DialInListener.class);
    private static final int MAX_UNIDENTIFIED_BYTES = 4096;

    private final IoLoop loop;
    private final ServerSocketChannel server;
    private final BiFunction<AssociationConfig, AssociationListener, MasterSession> sessions;
    private final Map<Integer, MasterSession> byOutstation = new ConcurrentHashMap<>();

    DialInListener(
            IoLoop loop,
            InetSocketAddress address,
            BiFunction<AssociationConfig, AssociationListener, MasterSession> sessions)
            throws IOException {
        this.loop = loop;
        this.sessions = sessions;
        this.server = ServerSocketChannel.open();
        server.bind(address);
        server.configureBlocking(false);
        loop.execute(() -> {
            try {
                server.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
            } catch (IOException e) {
                LOG.warn("DNP3 dial-in port {}: {}", address, e.toString());
            }
        });
    }

    @Override
    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public Association accept(AssociationConfig config, AssociationListener listener) {
        MasterSession session = sessions.apply(config, listener);
        MasterSession kept =
                byOutstation.merge(config.outstationAddress(), session, (old, fresh) -> old.closing() ? fresh : old);
        if (kept != session) {
            throw new IllegalArgumentException(
                    "outstation " + config.outstationAddress() + " already has an association");
        }
        return session;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
                Connection.accepted(loop, channel, new Unidentified());
            }
        } catch (IOException e) {
            LOG.warn("DNP3 dial-in port {}: accept failed: {}", port(), e.toString());
        }
    }

    /** A connection until its first link frame names the outstation. */
    private final class Unidentified implements Connection.Events {
        private final LinkParser parser = new LinkParser();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Connection connection;

        @Override
        public void connected(Connection c) {
            connection = c;
        }

        @Override
        public void received(byte[] bytes, int count) {
            received.write(bytes, 0, count);
            for (LinkFrame frame : parser.feed(bytes, 0, count)) {
                MasterSession session = byOutstation.get(frame.source());
                if (session != null && session.config().masterAddress() == frame.destination()) {
                    session.attach(connection, received.toByteArray());
                    return;
                }
                connection.close(
                        "no association for outstation " + frame.source() + " to master " + frame.destination());
                return;
            }
            if (received.size() > MAX_UNIDENTIFIED_BYTES) {
                connection.close("no DNP3 frame in " + received.size() + " bytes");
            }
        }

        @Override
        public void closed(String reason) {
            LOG.info("DNP3 dial-in connection closed: {}", reason);
        }
    }

    @Override
    public void close() {
        loop.execute(() -> {
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("closing dial-in port", e);
            }
        });
    }
}
