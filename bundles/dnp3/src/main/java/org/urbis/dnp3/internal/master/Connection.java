package org.urbis.dnp3.internal.master;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A non-blocking TCP connection on a loop: queued writes, reads handed on, one close notice. */
final class Connection implements IoLoop.Ready {

    /** What the owner of a connection hears. */
    interface Events {
        void connected(Connection connection);

        void received(byte[] bytes, int count);

        void closed(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final SocketChannel channel;
    private final SelectionKey key;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);
    private final ArrayDeque<ByteBuffer> writes = new ArrayDeque<>();
    private Events events;
    private boolean open = true;

    private Connection(SocketChannel channel, IoLoop loop, int ops, Events events) throws IOException {
        this.channel = channel;
        this.events = events;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.key = channel.register(loop.selector(), ops, this);
    }

    /** Starts connecting; events.connected follows, or events.closed. */
    static Connection connect(IoLoop loop, InetSocketAddress address, Events events) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Connection connection = new Connection(channel, loop, SelectionKey.OP_CONNECT, events);
            if (channel.connect(address)) {
                connection.finishConnect();
            }
            return connection;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Takes an accepted channel, reading right away. */
    static Connection accepted(IoLoop loop, SocketChannel channel, Events events) throws IOException {
        Connection connection = new Connection(channel, loop, SelectionKey.OP_READ, events);
        events.connected(connection);
        return connection;
    }

    /** Hands the connection to a new owner, as when a dial-in connection is identified. */
    void handTo(Events owner) {
        this.events = owner;
    }

    String remote() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void ready(SelectionKey selected) {
        if (!open || !selected.isValid()) {
            return;
        }
        if (selected.isConnectable()) {
            finishConnect();
        } else {
            if (selected.isReadable()) {
                read();
            }
            if (open && selected.isValid() && selected.isWritable()) {
                flush();
            }
        }
    }

    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                events.connected(this);
            }
        } catch (IOException e) {
            close("connect failed: " + e.getMessage());
        }
    }

    private void read() {
        try {
            readBuffer.clear();
            int count = channel.read(readBuffer);
            if (count < 0) {
                close("closed by the peer");
            } else if (count > 0) {
                events.received(readBuffer.array(), count);
            }
        } catch (IOException e) {
            close("read failed: " + e.getMessage());
        }
    }

    void send(byte[] bytes) {
        if (!open) {
            return;
        }
        writes.add(ByteBuffer.wrap(bytes));
        flush();
    }

    private void flush() {
        try {
            while (!writes.isEmpty()) {
                ByteBuffer head = writes.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                writes.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
    }

    /** Closes the socket; the owner hears of it once, with the reason. */
    void close(String reason) {
        if (!open) {
            return;
        }
        open = false;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", remote(), e);
        }
        events.closed(reason);
    }
}
