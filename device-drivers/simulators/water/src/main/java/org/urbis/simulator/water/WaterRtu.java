package org.urbis.simulator.water;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * One simulated RTU: a motorised valve feeding a downstream zone, with a 4-20 mA pressure
 * transmitter and a flow meter. Its register map (zero-based protocol addresses):
 *
 * <pre>
 * hr:0      valve position setpoint, 0.1 %          (read/write)
 * hr:1      full-stroke travel time, s              (read/write; the valve's speed)
 * hr:100-199 spare registers, free for tests       (read/write)
 * co:0      open (true: setpoint 100 %, false: 0 %) (read/write)
 * ir:0      valve position, 0.1 %
 * ir:1      downstream pressure, 4-20 mA as 4000-20000 counts for 0-10 bar
 * ir:2-3    flow, float32 CDAB, m³/h
 * ir:4-5    totaliser, uint32 ABCD, 0.1 m³
 * ir:6      water temperature, int16, 0.1 °C
 * ir:7-8    upstream (supply) pressure, float32 ABCD, bar
 * di:0      LOCAL mode (true: the valve ignores remote commands)
 * di:1      valve fault
 * </pre>
 *
 * The model: downstream pressure rises with the valve opening from the zone's static head to the
 * supply pressure; flow is proportional to the opening; the valve moves toward its setpoint at
 * 100 % per travel time; a leak drops the pressure and adds flow; a stuck valve does not move.
 */
public final class WaterRtu {

    public static final int HOLDING_REGISTERS = 200;
    public static final int INPUT_REGISTERS = 16;

    private final int unit;
    private final SimpleProcessImage image;
    private final SimpleRegister[] holding = new SimpleRegister[HOLDING_REGISTERS];
    private final SimpleInputRegister[] input = new SimpleInputRegister[INPUT_REGISTERS];
    private final SimpleDigitalIn local = new SimpleDigitalIn(false);
    private final SimpleDigitalIn fault = new SimpleDigitalIn(false);

    private double position; // %
    private double supplyBar = 6.0;
    private double staticBar = 1.0;
    private double maxFlow = 400; // m³/h at full opening
    private double leakBar;
    private double leakFlow;
    private double totalM3;
    private boolean stuck;
    private double lastSetpoint;

    public WaterRtu(int unit, double initialPosition) {
        this.unit = unit;
        this.image = new SimpleProcessImage(unit);
        for (int i = 0; i < HOLDING_REGISTERS; i++) {
            holding[i] = new SimpleRegister(0);
            image.addRegister(holding[i]);
        }
        for (int i = 0; i < INPUT_REGISTERS; i++) {
            input[i] = new SimpleInputRegister(0);
            image.addInputRegister(input[i]);
        }
        image.addDigitalOut(new SimpleDigitalOut(initialPosition > 0) {
            @Override
            public void set(boolean b) {
                super.set(b);
                holding[0].setValue(b ? 1000 : 0);
            }
        });
        image.addDigitalIn(local);
        image.addDigitalIn(fault);
        position = initialPosition;
        lastSetpoint = initialPosition;
        holding[0].setValue((int) Math.round(initialPosition * 10));
        holding[1].setValue(20);
        totalM3 = 1000 * unit;
        publish();
    }

    public int unit() {
        return unit;
    }

    SimpleProcessImage image() {
        return image;
    }

    /** Advances the model by {@code dt} seconds. */
    public synchronized void step(double dt) {
        double setpoint = holding[0].getValue() / 10.0;
        if (local.isSet()) {
            // the remote setpoint is ignored; the RTU shows the position it holds
            holding[0].setValue((int) Math.round(position * 10));
            setpoint = position;
        }
        lastSetpoint = setpoint;
        double travel = Math.max(1, holding[1].getValue());
        if (!stuck) {
            double maxMove = 100.0 / travel * dt;
            double delta = Math.max(-maxMove, Math.min(maxMove, setpoint - position));
            position = Math.max(0, Math.min(100, position + delta));
        }
        totalM3 += flow() * dt / 3600.0;
        publish();
    }

    private double flow() {
        return maxFlow * position / 100.0 + leakFlow;
    }

    private double pressure() {
        return Math.max(0, staticBar + (supplyBar - staticBar) * position / 100.0 - leakBar);
    }

    private void publish() {
        input[0].setValue((int) Math.round(position * 10));
        double p = Math.min(10, pressure());
        input[1].setValue((int) Math.round(4000 + p * 1600));
        int flowBits = Float.floatToIntBits((float) flow());
        input[2].setValue(flowBits & 0xFFFF); // CDAB: low word first
        input[3].setValue(flowBits >>> 16);
        long total = Math.round(totalM3 * 10) & 0xFFFFFFFFL;
        input[4].setValue((int) (total >>> 16));
        input[5].setValue((int) (total & 0xFFFF));
        input[6].setValue((short) 275);
        int supplyBits = Float.floatToIntBits((float) supplyBar);
        input[7].setValue(supplyBits >>> 16);
        input[8].setValue(supplyBits & 0xFFFF);
    }

    /** Valve position now, %. */
    public synchronized double position() {
        return position;
    }

    /** Downstream pressure now, bar. */
    public synchronized double pressureBar() {
        return pressure();
    }

    /** The setpoint the valve is moving toward, %. */
    public synchronized double setpoint() {
        return lastSetpoint;
    }

    /** A burst downstream: pressure drops by {@code dropBar}, flow rises by {@code extraFlow} m³/h. */
    public synchronized void leak(double dropBar, double extraFlow) {
        leakBar = dropBar;
        leakFlow = extraFlow;
        publish();
    }

    /** The leak is repaired. */
    public synchronized void repair() {
        leak(0, 0);
    }

    /** Sets the supply pressure upstream of the valve, bar. */
    public synchronized void supply(double bar) {
        supplyBar = bar;
        publish();
    }

    public synchronized void stuck(boolean s) {
        stuck = s;
    }

    /** Switches the valve to LOCAL (true) or REMOTE (false) control. */
    public synchronized void local(boolean l) {
        local.set(l);
    }

    public synchronized void fault(boolean f) {
        fault.set(f);
    }

    /** Sets the valve's full-stroke travel time, s. */
    public synchronized void travelSeconds(int seconds) {
        holding[1].setValue(seconds);
    }

    /** Sets a holding register's raw 16-bit value (the spare ones are for tests). */
    public void holding(int address, int raw) {
        holding[address].setValue(raw & 0xFFFF);
    }

    /** A holding register's raw value. */
    public int holding(int address) {
        return holding[address].getValue();
    }
}
