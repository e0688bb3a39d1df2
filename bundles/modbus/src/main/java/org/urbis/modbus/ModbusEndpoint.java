package org.urbis.modbus;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Modbus TCP unit: {@code tcp://host:port/unit=N} ({@code port} defaults to 502, {@code unit} to
 * 1). Several units behind one gateway share its host and port, and so one connection.
 *
 * @param host host name or IP address
 * @param port TCP port
 * @param unit unit identifier, 0-255
 */
public record ModbusEndpoint(String host, int port, int unit) {

    public ModbusEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 1 || port > 65535 || unit < 0 || unit > 255) {
            throw new IllegalArgumentException("port must be 1-65535 and unit 0-255");
        }
    }

    /** Parses {@code tcp://host:port/unit=N}. */
    public static ModbusEndpoint parse(String address) {
        URI uri;
        try {
            uri = new URI(address.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address '" + address + "' is not tcp://host:port/unit=N");
        }
        if (!"tcp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("address '" + address + "' is not tcp://host:port/unit=N");
        }
        int unit = 1;
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            if (!path.startsWith("/unit=")) {
                throw new IllegalArgumentException("address '" + address + "': the path must be /unit=N");
            }
            try {
                unit = Integer.parseInt(path.substring(6));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("address '" + address + "': unit must be a number 0-255");
            }
        }
        return new ModbusEndpoint(uri.getHost(), uri.getPort() < 0 ? 502 : uri.getPort(), unit);
    }

    /** The connection key: host and port. */
    public String hostPort() {
        return host + ':' + port;
    }

    @Override
    public String toString() {
        return "tcp://" + host + ':' + port + "/unit=" + unit;
    }
}
