package org.urbis.modbus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.urbis.modbus.internal.TcpLink;

/**
 * The Modbus TCP connections of one driver: one per host and port, shared by every unit (device)
 * behind it, opened on first use and closed when its last device is closed.
 */
public final class ModbusLinks implements AutoCloseable {

    private final ModbusSettings settings;
    private final Map<String, TcpLink> links = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();

    public ModbusLinks(ModbusSettings settings) {
        this.settings = settings;
    }

    public ModbusSettings settings() {
        return settings;
    }

    /** A device on its shared connection; close it when done. */
    public ModbusDevice device(ModbusEndpoint endpoint) {
        TcpLink link = links.compute(endpoint.hostPort(), (k, existing) -> {
            TcpLink l = existing != null ? existing : new TcpLink(endpoint.host(), endpoint.port(), settings, requests);
            l.users().incrementAndGet();
            return l;
        });
        return new ModbusDevice(endpoint, link, settings, () -> release(endpoint.hostPort(), link));
    }

    private void release(String key, TcpLink link) {
        links.computeIfPresent(key, (k, l) -> {
            if (l == link && l.users().decrementAndGet() <= 0) {
                l.close();
                return null;
            }
            return l;
        });
    }

    /** Requests sent so far over every connection (each attempt counts). */
    public long requestCount() {
        return requests.sum();
    }

    /** Host:port pairs with an open or opening connection now. */
    public int linkCount() {
        return links.size();
    }

    /** Connections opened so far to {@code host:port}, reconnects included; 0 when none is held. */
    public long connects(String hostPort) {
        TcpLink l = links.get(hostPort);
        return l == null ? 0 : l.connects();
    }

    @Override
    public void close() {
        links.values().forEach(TcpLink::close);
        links.clear();
    }
}
