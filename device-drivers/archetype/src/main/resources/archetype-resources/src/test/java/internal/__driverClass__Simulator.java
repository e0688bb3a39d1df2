package ${package}.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the real device, for tests and demos: it answers the driver's line protocol from
 * a map of values on a free loopback port. Grow it as the driver learns the device (faults, delays).
 */
final class ${driverClass}Simulator implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> values = new ConcurrentHashMap<>(Map.of("energy", "1234.5", "power", "3.2", "relay", "true"));
    private final Thread thread;

    ${driverClass}Simulator() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "${driverId}-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code 127.0.0.1:<port>}: the device's address in the inventory. */
    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    void set(String address, String value) {
        values.put(address, value);
    }

    String get(String address) {
        return values.get(address);
    }

    /** One connection at a time, on the simulator's one thread. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(answer(line.trim().split(" ", 3)) + "\n");
                    out.flush();
                }
            } catch (IOException e) {
                // the driver hung up, or the simulator is closing
            }
        }
    }

    private String answer(String[] request) {
        if (request[0].equals("READ") && request.length == 2) {
            return values.getOrDefault(request[1], "ERR unknown address " + request[1]);
        }
        if (request[0].equals("WRITE") && request.length == 3) {
            values.put(request[1], request[2]);
            return "OK";
        }
        return "ERR bad request";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
