package org.urbis.simulator.irrigation;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A generic irrigation PLC on Modbus TCP (unit 1): a coil per valve, a normally-open master valve and
 * a flow meter on the mainline. Its register map (zero-based protocol addresses):
 *
 * <pre>
 * co:0-15   valve of zone 1-16 open                  (read/write; writing opens or shuts it without a timer)
 * co:32     master valve open                        (read/write; normally open)
 * hr:0-15   run time of zone 1-16, s                 (read/write; writing N opens the valve for N s, 0 shuts it;
 *                                                     reads the length of the current run, 0 while shut)
 * hr:32     rain delay, h                            (read/write)
 * hr:33     water level (seasonal adjustment), %     (read/write)
 * ir:0-15   remaining run time of zone 1-16, s
 * ir:32-33  mainline flow, float32 ABCD, l/min
 * di:0      rain sensor (true: rain detected)
 * di:1      flow meter fault
 * </pre>
 *
 * Hydraulics: while the master valve is open each open valve draws its zone's flow, and a mainline
 * break leaks its flow whatever the valves do; with the master valve shut nothing flows.
 */
public final class IrrigationPlc implements AutoCloseable {

    public static final int MAX_ZONES = 16;
    public static final int MASTER_COIL = 32;

    private final int zones;
    private final SimpleRegister[] holding = new SimpleRegister[34];
    private final SimpleInputRegister[] input = new SimpleInputRegister[34];
    private final SimpleDigitalOut[] coils = new SimpleDigitalOut[33];
    private final SimpleDigitalIn rain = new SimpleDigitalIn(false);
    private final SimpleDigitalIn meterFault = new SimpleDigitalIn(false);
    private final double[] zoneFlow = new double[MAX_ZONES];
    private final double[] remaining = new double[MAX_ZONES];
    private final int[] seenRun = new int[MAX_ZONES];
    private final boolean[] seenOpen = new boolean[MAX_ZONES];
    private final ModbusSlave slave;
    private final int port;
    private final ScheduledExecutorService clock;
    private double breakFlow;

    /**
     * Starts a PLC of {@code zones} valves on {@code bind}:{@code port} (0 picks a free port), its
     * timers and hydraulics stepping every {@code tickMillis}.
     */
    public IrrigationPlc(InetAddress bind, int port, int zones, long tickMillis) throws IOException {
        if (zones < 1 || zones > MAX_ZONES) {
            throw new IllegalArgumentException("zones must be 1-" + MAX_ZONES);
        }
        this.zones = zones;
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int i = 0; i < holding.length; i++) {
            holding[i] = new SimpleRegister(0);
            image.addRegister(holding[i]);
            input[i] = new SimpleInputRegister(0);
            image.addInputRegister(input[i]);
        }
        for (int i = 0; i < coils.length; i++) {
            coils[i] = new SimpleDigitalOut(i == MASTER_COIL);
            image.addDigitalOut(coils[i]);
        }
        image.addDigitalIn(rain);
        image.addDigitalIn(meterFault);
        holding[33].setValue(100);
        for (int z = 0; z < MAX_ZONES; z++) {
            zoneFlow[z] = 20 + 4 * z;
        }
        this.port = port != 0 ? port : Simulators.freePort(bind);
        slave = Simulators.unit1(bind, this.port, image, "the irrigation PLC simulator");
        publish();
        clock = Simulators.timer("irrigation-plc-simulator-" + this.port);
        double dt = tickMillis / 1000.0;
        clock.scheduleAtFixedRate(() -> step(dt), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Four zones on 127.0.0.1, a free port, stepping every 100 ms. */
    public static IrrigationPlc start(int zones) throws IOException {
        return new IrrigationPlc(InetAddress.getLoopbackAddress(), 0, zones, 100);
    }

    public int port() {
        return port;
    }

    public String address() {
        return "tcp://127.0.0.1:" + port + "/unit=1";
    }

    /** Advances timers and hydraulics by {@code dt} seconds, taking in what a master wrote since. */
    public synchronized void step(double dt) {
        for (int z = 0; z < zones; z++) {
            int run = holding[z].getValue();
            boolean open = coils[z].isSet();
            if (run != seenRun[z]) {
                // a run time written: open for that long, or shut on 0
                remaining[z] = run;
                coils[z].set(run > 0);
            } else if (open != seenOpen[z]) {
                // the valve coil written directly: no timer
                remaining[z] = 0;
                holding[z].setValue(0);
            } else if (remaining[z] > 0) {
                remaining[z] = Math.max(0, remaining[z] - dt);
                if (remaining[z] == 0) {
                    coils[z].set(false);
                    holding[z].setValue(0);
                }
            }
            seenRun[z] = holding[z].getValue();
            seenOpen[z] = coils[z].isSet();
        }
        publish();
    }

    private void publish() {
        for (int z = 0; z < zones; z++) {
            input[z].setValue((int) Math.ceil(remaining[z]));
        }
        int bits = Float.floatToIntBits((float) flow());
        input[32].setValue(bits >>> 16);
        input[33].setValue(bits & 0xFFFF);
    }

    /** The mainline flow now, l/min. */
    public synchronized double flow() {
        if (!coils[MASTER_COIL].isSet()) {
            return 0;
        }
        double f = breakFlow;
        for (int z = 0; z < zones; z++) {
            f += coils[z].isSet() ? zoneFlow[z] : 0;
        }
        return f;
    }

    /** The flow an open valve of zone {@code zone} (1-based) draws, l/min. */
    public synchronized void zoneFlow(int zone, double litresPerMinute) {
        zoneFlow[zone - 1] = litresPerMinute;
        publish();
    }

    public synchronized double zoneFlow(int zone) {
        return zoneFlow[zone - 1];
    }

    /** A break of the mainline between the master valve and the zone valves; 0 repairs it. */
    public synchronized void mainlineBreak(double litresPerMinute) {
        breakFlow = litresPerMinute;
        publish();
    }

    public synchronized boolean valveOpen(int zone) {
        return coils[zone - 1].isSet();
    }

    public synchronized boolean masterOpen() {
        return coils[MASTER_COIL].isSet();
    }

    /** Opens or shuts the master valve, as the site's own panel would. */
    public synchronized void master(boolean open) {
        coils[MASTER_COIL].set(open);
        publish();
    }

    public synchronized void rain(boolean detected) {
        rain.set(detected);
    }

    public synchronized void meterFault(boolean fault) {
        meterFault.set(fault);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        ModbusSlaveFactory.close(slave);
    }
}
