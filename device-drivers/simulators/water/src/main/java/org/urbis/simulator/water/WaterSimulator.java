package org.urbis.simulator.water;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A gateway of simulated water RTUs: units 1..n on one Modbus TCP port. A j2mod slave serves the
 * registers on a private port; the public port is a {@link FaultProxy} in front of it.
 */
public final class WaterSimulator implements AutoCloseable {

    private final List<WaterRtu> rtus = new ArrayList<>();
    private final ModbusSlave slave;
    private final int slavePort;
    private final FaultProxy proxy;
    private final ScheduledExecutorService clock;

    /**
     * Starts {@code units} RTUs.
     *
     * @param bind       address to listen on, e.g. 127.0.0.1
     * @param port       the public port; 0 picks a free one
     * @param units      number of RTUs (unit ids 1..units, at most 247)
     * @param tickMillis model step
     */
    public WaterSimulator(InetAddress bind, int port, int units, long tickMillis) throws IOException {
        if (units < 1 || units > 247) {
            throw new IllegalArgumentException("units must be 1-247");
        }
        slavePort = freePort(bind);
        try {
            slave = ModbusSlaveFactory.createTCPSlave(bind, slavePort, Math.max(4, Math.min(64, units)), false);
            for (int u = 1; u <= units; u++) {
                WaterRtu rtu = new WaterRtu(u, 50);
                rtus.add(rtu);
                slave.addProcessImage(u, rtu.image());
            }
            slave.open();
        } catch (ModbusException e) {
            throw new IOException("cannot start the Modbus slave on port " + slavePort + ": " + e.getMessage(), e);
        }
        FaultProxy p;
        try {
            p = new FaultProxy(bind, port, new InetSocketAddress(bind, slavePort));
        } catch (IOException e) {
            ModbusSlaveFactory.close(slave);
            throw e;
        }
        proxy = p;
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "water-simulator-" + proxy.port());
            t.setDaemon(true);
            return t;
        });
        double dt = tickMillis / 1000.0;
        clock.scheduleAtFixedRate(() -> rtus.forEach(r -> r.step(dt)), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts on 127.0.0.1, a free port, stepping every 50 ms. */
    public static WaterSimulator start(int units) throws IOException {
        return new WaterSimulator(InetAddress.getLoopbackAddress(), 0, units, 50);
    }

    private static int freePort(InetAddress bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        }
    }

    /** The public (proxied) port. */
    public int port() {
        return proxy.port();
    }

    /** The j2mod slave's own port, without fault injection. */
    public int directPort() {
        return slavePort;
    }

    public FaultProxy proxy() {
        return proxy;
    }

    /** The RTU with that unit id (1-based). */
    public WaterRtu rtu(int unit) {
        return rtus.get(unit - 1);
    }

    public int units() {
        return rtus.size();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        proxy.close();
        ModbusSlaveFactory.close(slave);
    }
}
