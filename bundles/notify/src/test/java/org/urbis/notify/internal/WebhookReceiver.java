package org.urbis.notify.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.urbis.notify.internal.delivery.WebhookSender;

/** A real HTTP receiver on 127.0.0.1 that keeps every POST and answers with the status the test sets. */
final class WebhookReceiver implements AutoCloseable {

    /** A POST received, with its signature header and whether it matches the body under the secret. */
    record Delivery(String body, String signature, boolean signedRight, String deliveryId, int answered) {}

    private final HttpServer server;
    private final String secret;
    private final List<Delivery> deliveries = new ArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alarms", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE);
            // Checked as a receiver would: its own HMAC of the bytes received, in constant time.
            String expected = "sha256=" + WebhookSender.hmac(this.secret, body);
            boolean right = signature != null
                    && java.security.MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.US_ASCII),
                            signature.getBytes(StandardCharsets.US_ASCII));
            int answer = status.get();
            synchronized (deliveries) {
                deliveries.add(new Delivery(
                        new String(body, StandardCharsets.UTF_8),
                        signature,
                        right,
                        exchange.getRequestHeaders().getFirst("X-Urbis-Delivery"),
                        answer));
            }
            byte[] reply = (answer == 200 ? "ok" : "receiver broken").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alarms");
    }

    List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** The deliveries the receiver accepted. */
    List<Delivery> accepted() {
        return deliveries().stream().filter(d -> d.answered() == 200).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
