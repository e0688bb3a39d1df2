package org.urbis.simulator.gridmeter;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An Eastron SDM630-style three-phase meter on Modbus TCP (unit 1): input registers read with FC 04,
 * each quantity a float32 (big-endian, two registers) at the manufacturer's address: phase voltages
 * 0x00/0x02/0x04 (V), currents 0x06/0x08/0x0A (A), phase powers 0x0C/0x0E/0x10 (W), total power 0x34 (W),
 * total power factor 0x3E, frequency 0x46 (Hz), import energy 0x48 and export energy 0x4A (kWh).
 */
public final class Sdm630Meter implements AutoCloseable {

    private static final int REGISTERS = 0x50;

    private final SimpleInputRegister[] input = new SimpleInputRegister[REGISTERS];
    private final ModbusSlave slave;
    private final int port;
    private final ScheduledExecutorService model;
    private double importKwh = 12_345.6;
    private double exportKwh = 10;
    private long step;

    /** Starts the meter on {@code bind}:{@code port} (0 picks a free port). */
    public Sdm630Meter(InetAddress bind, int port) throws IOException {
        this.port = port != 0 ? port : freePort(bind);
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int i = 0; i < REGISTERS; i++) {
            input[i] = new SimpleInputRegister(0);
            image.addInputRegister(input[i]);
        }
        publish();
        try {
            slave = ModbusSlaveFactory.createTCPSlave(bind, this.port, 4, false);
            slave.addProcessImage(1, image);
            slave.open();
        } catch (ModbusException e) {
            throw new IOException("cannot start the SDM630 simulator on port " + this.port + ": " + e.getMessage(), e);
        }
        model = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sdm630-simulator-" + this.port);
            t.setDaemon(true);
            return t;
        });
    }

    /** Advances the measurements every {@code millis}. */
    public Sdm630Meter run(long millis) {
        model.scheduleAtFixedRate(() -> step(millis / 1000.0), millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    public int port() {
        return port;
    }

    /** Advances the model by {@code seconds}. */
    public synchronized void step(double seconds) {
        step++;
        importKwh += power() / 1000 * seconds / 3600;
        publish();
    }

    private double power() {
        return 6000 + 1500 * Math.sin(step / 15.0);
    }

    public synchronized double importKwh() {
        return importKwh;
    }

    private synchronized void publish() {
        double w = power();
        for (int phase = 0; phase < 3; phase++) {
            double v = 230 + 1.5 * Math.sin((step + 5 * phase) / 10.0);
            put(0x00 + 2 * phase, v);
            put(0x06 + 2 * phase, w / 3 / v / 0.97);
            put(0x0C + 2 * phase, w / 3);
        }
        put(0x34, w);
        put(0x3E, 0.97);
        put(0x46, 50.0);
        put(0x48, importKwh);
        put(0x4A, exportKwh);
    }

    private void put(int register, double value) {
        int bits = Float.floatToIntBits((float) value);
        input[register].setValue(bits >>> 16);
        input[register + 1].setValue(bits & 0xFFFF);
    }

    private static int freePort(InetAddress bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        model.shutdownNow();
        ModbusSlaveFactory.close(slave);
    }
}
