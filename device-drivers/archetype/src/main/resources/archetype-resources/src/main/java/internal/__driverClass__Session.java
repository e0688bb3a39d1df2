package ${package}.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * One device: the platform polls it, and each read asks for all its points over one connection
 * (a block read), within the timeout it is given. Holds no connection and no thread between calls.
 */
final class ${driverClass}Session implements DriverSession {

    private final InetSocketAddress endpoint;

    ${driverClass}Session(Device device) {
        this.endpoint = endpoint(device.address());
    }

    /** {@code host:port}. */
    static InetSocketAddress endpoint(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return InetSocketAddress.createUnresolved(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("address '" + address + "' must be host:port");
        }
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.POLLED;
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Value> values = new ArrayList<>(points.size());
        try (Socket socket = connect(deadline)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            for (Point p : points) {
                String reply = ask(socket, in, out, "READ " + p.address(), deadline);
                values.add(value(p, reply));
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return values;
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = connect(deadline)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            String reply = ask(socket, in, out, "WRITE " + point.address() + " " + value, deadline);
            if (!reply.equals("OK")) {
                throw new DriverException(QualityReason.DEVICE_ERROR, "the device refused " + point.name() + " = " + value + ": " + reply);
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        // nothing held between calls
    }

    private Socket connect(long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.getHostString(), endpoint.getPort()), remainingMillis(deadline));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String ask(Socket socket, BufferedReader in, Writer out, String request, long deadline) throws IOException {
        out.write(request + "\n");
        out.flush();
        socket.setSoTimeout(remainingMillis(deadline));
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the device closed the connection");
        }
        return line.trim();
    }

    /** What is left of the timeout, at least 1 ms (0 would mean "wait forever" to a socket). */
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no time left");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** A reply as the point's value: numbers times the point's {@code scale} option; an {@code ERR} reply is BAD. */
    private static Value value(Point p, String reply) {
        Instant now = Instant.now();
        if (reply.startsWith("ERR")) {
            return Value.bad(p.name(), QualityReason.DEVICE_ERROR, reply, now);
        }
        try {
            Object v = p.type().coerce(reply);
            if (p.type() == DataType.FLOAT) {
                v = (Double) v * Double.parseDouble(p.options().getOrDefault("scale", "1"));
            }
            return Value.good(p.name(), v, now);
        } catch (IllegalArgumentException e) {
            return Value.bad(p.name(), QualityReason.TYPE_MISMATCH, "'" + reply + "': " + e.getMessage(), now);
        }
    }

    private static DriverException failure(IOException e) {
        return e instanceof SocketTimeoutException ? new DriverException(QualityReason.TIMEOUT, "no answer in time", e)
                : new DriverException(QualityReason.COMM_ERROR, e.toString(), e);
    }
}
