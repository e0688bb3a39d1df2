package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferedSocketFactoryTest {

    @Test
    void theSocketsInputIsOneBufferedStreamThatDeliversEveryByteInOrderAndThenTheEnd() throws Exception {
        byte[] sent = new byte[100_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept();
                        OutputStream out = s.getOutputStream()) {
                    // small writes, as a broker sends acknowledgements one after another
                    for (int i = 0; i < sent.length; i += 4) {
                        out.write(sent, i, Math.min(4, sent.length - i));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = new BufferedSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
                InputStream in = socket.getInputStream();
                assertInstanceOf(BufferedInputStream.class, in);
                assertSame(in, socket.getInputStream(), "Paho and the socket must read the same buffer");
                byte[] received = new byte[sent.length];
                // a byte at a time for a fixed header, then the rest in one read, as Paho does
                DataInputStream data = new DataInputStream(in);
                received[0] = data.readByte();
                received[1] = data.readByte();
                data.readFully(received, 2, received.length - 2);
                assertArrayEquals(sent, received);
                assertEquals(-1, in.read(), "the peer's close is the end of the stream");
            }
            peer.join();
        }
    }

    @Test
    void whatIsBufferedIsAvailableWithoutAskingTheSocketWhichIsAskedOnlyOnceTheBufferIsEmpty() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        InputStream socket = new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}) {
            @Override
            public synchronized int available() {
                asked.incrementAndGet();
                return super.available();
            }
        };
        BufferedSocketFactory.BufferedInput in = new BufferedSocketFactory.BufferedInput(socket);

        assertEquals(1, in.read());
        assertEquals(4, in.available());
        assertEquals(0, asked.get(), "four bytes are in the buffer: no system call to ask the socket");

        assertEquals(4, in.readNBytes(4).length);
        assertEquals(0, in.available());
        assertEquals(1, asked.get(), "an empty buffer asks the socket");
    }
}
