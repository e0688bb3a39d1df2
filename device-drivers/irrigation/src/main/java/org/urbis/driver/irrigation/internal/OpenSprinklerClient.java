package org.urbis.driver.irrigation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/**
 * The HTTP API of one OpenSprinkler controller: plain GETs, one connection per request (the firmware
 * closes it anyway), at most one request in flight per controller (the firmware serves one at a time
 * and its listen backlog is tiny), each bounded by the caller's deadline and a short request timeout.
 * A refused connection is tried once more, since a busy controller refuses rather than queues.
 *
 * <p>The client is a plain socket rather than the JDK's HttpClient: that one keeps a selector thread
 * per client alive until it is garbage collected, and the controller needs nothing HTTP/2 or
 * asynchronous would give.
 */
final class OpenSprinklerClient {

    static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int port;
    private final String passwordHash;
    private final Duration requestTimeout;
    private final Semaphore inFlight;

    /**
     * @param inFlight one permit per controller, shared by every session that talks to it
     */
    OpenSprinklerClient(String host, int port, String password, Duration requestTimeout, Semaphore inFlight) {
        this.host = host;
        this.port = port;
        this.passwordHash = md5(password);
        this.requestTimeout = requestTimeout;
        this.inFlight = inFlight;
    }

    /** The host and port of {@code opensprinkler://host[:port]} (port 80 by default). */
    static InetSocketAddress endpoint(String address) {
        URI uri;
        try {
            uri = new URI(address.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address '" + address + "' is not opensprinkler://host:port");
        }
        if (!"opensprinkler".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || (uri.getPath() != null
                        && !uri.getPath().isEmpty()
                        && !uri.getPath().equals("/"))
                || uri.getQuery() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("address '" + address + "' is not opensprinkler://host:port");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    String hostPort() {
        return host + ":" + port;
    }

    /**
     * Sends {@code path?pw=...&query} and returns the JSON reply, after checking its result code.
     *
     * @param deadline of {@link System#nanoTime()}
     * @throws DriverException TIMEOUT, COMM_ERROR (refused, reset, garbled), DEVICE_ERROR (an error result code
     *         or HTTP status), CONFIGURATION_ERROR (the controller refused the password)
     */
    JsonNode get(String path, String query, long deadline) throws DriverException, InterruptedException {
        String what = path + (query.isEmpty() ? "" : "?" + query);
        long wait = deadline - System.nanoTime();
        if (wait <= 0 || !inFlight.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
            throw new DriverException(
                    QualityReason.TIMEOUT,
                    "no time left for " + what + " to " + hostPort() + ": the previous request is still in flight");
        }
        try {
            HttpReply reply =
                    exchange(path + "?pw=" + passwordHash + (query.isEmpty() ? "" : "&" + query), what, deadline);
            return decode(what, reply);
        } finally {
            inFlight.release();
        }
    }

    private HttpReply exchange(String target, String what, long deadline) throws DriverException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return once(target, deadline);
            } catch (ConnectException e) {
                long left = deadline - System.nanoTime();
                if (attempt == 0 && left > TimeUnit.MILLISECONDS.toNanos(400)) {
                    Thread.sleep(200); // a busy controller's backlog is full: give it a moment
                    continue;
                }
                throw new DriverException(
                        QualityReason.COMM_ERROR, hostPort() + " refused the connection for " + what, e);
            } catch (SocketTimeoutException e) {
                throw new DriverException(
                        QualityReason.TIMEOUT, hostPort() + " did not answer " + what + " in time", e);
            } catch (HttpReply.Malformed e) {
                throw new DriverException(
                        QualityReason.COMM_ERROR,
                        "garbled reply from " + hostPort() + " to " + what + ": " + e.getMessage(),
                        e);
            } catch (IOException e) {
                throw new DriverException(
                        QualityReason.COMM_ERROR, "talking to " + hostPort() + " about " + what + " failed: " + e, e);
            }
        }
    }

    private HttpReply once(String target, long deadline) throws IOException, HttpReply.Malformed {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis(deadline));
            socket.setSoTimeout(timeoutMillis(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + hostPort() + "\r\nAccept: application/json\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return HttpReply.read(new BufferedInputStream(new DeadlineStream(socket, deadline)), MAX_BODY);
        }
    }

    /** The time a socket may wait now: the request timeout, cut to the caller's deadline. */
    private int timeoutMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.max(1, Math.min(left, requestTimeout.toMillis()));
    }

    /** The reply's JSON, or the controller's error result as a DriverException naming it. */
    static JsonNode decode(String what, HttpReply reply) throws DriverException {
        if (reply.status() != 200) {
            throw new DriverException(
                    QualityReason.DEVICE_ERROR, "the controller answered " + what + " with HTTP " + reply.status());
        }
        JsonNode node;
        try {
            node = JSON.readTree(reply.body());
        } catch (JsonProcessingException e) {
            throw new DriverException(
                    QualityReason.COMM_ERROR, "the reply to " + what + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DriverException(
                    QualityReason.COMM_ERROR, "the reply to " + what + " is not JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new DriverException(QualityReason.COMM_ERROR, "the reply to " + what + " is empty");
        }
        JsonNode result = node.get("result");
        if (result != null && node.size() == 1) {
            int code = result.canConvertToInt() ? result.asInt() : -1;
            if (code != 1) {
                throw resultError(what, code);
            }
        }
        return node;
    }

    /** The firmware's result codes, as a maintenance crew should read them. */
    static DriverException resultError(String what, int code) {
        String meaning;
        QualityReason reason = QualityReason.DEVICE_ERROR;
        switch (code) {
            case 2:
                meaning = "unauthorised: the controller refused the password (device option password)";
                reason = QualityReason.CONFIGURATION_ERROR;
                break;
            case 3:
                meaning = "mismatch: the controller refused the change";
                break;
            case 16:
                meaning = "data missing: a parameter the controller needs was not sent";
                break;
            case 17:
                meaning = "out of range: a value lies outside what the controller accepts";
                break;
            case 18:
                meaning = "data format error: the controller could not read a value";
                break;
            case 19:
                meaning = "RF code error";
                break;
            case 32:
                meaning = "page not found: the controller's firmware does not know this command";
                break;
            case 48:
                meaning = "not permitted: the controller refuses this now (the master station, a disabled controller)";
                break;
            default:
                meaning = "unknown result code";
        }
        return new DriverException(reason, "the controller answered " + what + " with result " + code + ": " + meaning);
    }

    static String md5(String password) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** The socket's input, each read bounded by what is left of the deadline, not only by the socket timeout. */
    private final class DeadlineStream extends FilterInputStream {
        private final Socket socket;
        private final long deadline;

        DeadlineStream(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(timeoutMillis(deadline));
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(timeoutMillis(deadline));
            return super.read(b, off, len);
        }
    }
}
