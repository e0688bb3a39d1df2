package org.urbis.simulator.irrigation;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** What the park's simulated devices share: a free port when asked to pick one, a Modbus server, a model timer. */
final class Simulators {

    private Simulators() {}

    static int freePort(InetAddress bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        }
    }

    /** A single daemon thread stepping one device's model. */
    static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A j2mod Modbus TCP server answering as unit 1 from {@code image}; close it with {@link ModbusSlaveFactory#close}. */
    static ModbusSlave unit1(InetAddress bind, int port, SimpleProcessImage image, String what) throws IOException {
        try {
            ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(bind, port, 4, false);
            slave.addProcessImage(1, image);
            slave.open();
            return slave;
        } catch (ModbusException e) {
            throw new IOException("cannot start " + what + " on port " + port + ": " + e.getMessage(), e);
        }
    }
}
