package org.urbis.driver.gridmeter.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;

/**
 * A DNP3 device address: {@code dnp3://host:port?outstation=10&master=1} (the master connects to the
 * outstation) or {@code dnp3-listen://bind:port?outstation=10&master=1} (the outstation dials in to the
 * master's listener on that port, which several outstations may share). {@code master} defaults to 1.
 */
record Dnp3Endpoint(boolean dialIn, String host, int port, int outstation, int master) {

    static final String CONNECT = "dnp3";
    static final String LISTEN = "dnp3-listen";

    Dnp3Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a DNP3 address needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a DNP3 address needs a port 1-65535, not " + port);
        }
        if (outstation < 0 || outstation > 0xFFEF || master < 0 || master > 0xFFEF || outstation == master) {
            throw new IllegalArgumentException("DNP3 outstation and master addresses must differ and be 0-65519, not "
                    + outstation + " and " + master);
        }
    }

    static boolean isDnp3(String address) {
        return address.startsWith(CONNECT + "://") || address.startsWith(LISTEN + "://");
    }

    static Dnp3Endpoint parse(String address) {
        URI uri;
        try {
            uri = new URI(address.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + address + "' is not a DNP3 address: " + e.getReason());
        }
        boolean dialIn = LISTEN.equals(uri.getScheme());
        if (!dialIn && !CONNECT.equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "'" + address + "' is not a DNP3 address (dnp3://host:port?outstation=N or "
                            + "dnp3-listen://bind:port?outstation=N)");
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("'" + pair + "' in '" + address + "' is not key=value");
                }
                query.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        for (String key : query.keySet()) {
            if (!key.equals("outstation") && !key.equals("master")) {
                throw new IllegalArgumentException("unknown DNP3 address parameter '" + key + "' (outstation, master)");
            }
        }
        if (!query.containsKey("outstation")) {
            throw new IllegalArgumentException("'" + address + "' names no outstation (?outstation=N)");
        }
        return new Dnp3Endpoint(
                dialIn,
                uri.getHost(),
                uri.getPort(),
                number(query.get("outstation"), address),
                number(query.getOrDefault("master", "1"), address));
    }

    private static int number(String s, String address) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' in '" + address + "' is not a station address");
        }
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (dialIn ? LISTEN : CONNECT) + "://" + hostPort() + "?outstation=" + outstation + "&master=" + master;
    }

    /** {@code host:port}: the listener dial-in outstations share. */
    String hostPort() {
        return host + ":" + port;
    }
}
