package org.urbis.simulator.gridmeter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.urbis.dnp3.AnalogOutput;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;
import org.urbis.dnp3.outstation.ControlHandler;
import org.urbis.dnp3.outstation.Outstation;
import org.urbis.dnp3.outstation.OutstationConfig;

/**
 * A simulated three-phase feeder meter with a breaker and a load-control relay, as a DNP3 outstation.
 * Its points (events: binary and double-bit inputs class 1, analog inputs class 2, counters class 3, each with the
 * outstation's time; output statuses are static data, as DNP3 has no events for them here):
 *
 * <pre>
 * bi:0      LOCAL (true: the breaker is under local control and refuses remote operation)
 * dbi:0     breaker position from its auxiliary contacts, class 1 events (on: closed, off: open)
 * bo:0      breaker closed (CROB: latch on / pulse CLOSE closes, latch off / pulse TRIP opens; SBO or direct)
 * bo:1      load control active (CROB latch on starts, latch off ends)
 * ai:0-2    phase voltages, V
 * ai:3-5    phase currents, A
 * ai:6      active power, kW (negative: export)
 * ai:7      power factor
 * ai:8      frequency, Hz
 * ctr:0     import energy, Wh
 * ctr:1     export energy, Wh
 * ao:0      load control target, % of normal load (g41)
 * ao:1      load control event id (g41)
 * ao:2      load control criticality level (g41)
 * </pre>
 */
public final class Dnp3Meter implements AutoCloseable {

    private static final Set<Quality> OK = Set.of(Quality.ONLINE);
    private static final int DETERMINED_OFF = 1;
    private static final int DETERMINED_ON = 2;

    private final Outstation outstation;
    private final Clock clock;
    private final ScheduledExecutorService model;
    private final int seed;
    private volatile CommandStatus forced;
    private boolean breakerClosed = true;
    private volatile boolean local;
    private boolean loadControl;
    private double target = 100;
    private double eventId;
    private double criticality;
    private double importWh;
    private double exportWh;
    private double exportKw;
    private double voltageOffset;
    private double powerFactor = 0.95;
    private long step;
    private Duration ahead = Duration.ZERO;

    private Dnp3Meter(int address, int masterAddress, Clock clock, Starter starter) throws IOException {
        this.clock = clock;
        this.seed = address;
        this.importWh = 1_000_000.0 * address;
        this.model = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gridmeter-simulator-" + address);
            t.setDaemon(true);
            return t;
        });
        this.outstation = starter.start(OutstationConfig.of(address, masterAddress), new Controls());
        outstation.define(PointType.BINARY_INPUT, 0, 1);
        outstation.define(PointType.DOUBLE_BIT_BINARY_INPUT, 0, 1);
        for (int i = 0; i < 2; i++) {
            outstation.define(PointType.BINARY_OUTPUT_STATUS, i, 0);
            outstation.define(PointType.COUNTER, i, 3);
        }
        for (int i = 0; i < 3; i++) {
            outstation.define(PointType.ANALOG_OUTPUT_STATUS, i, 0);
        }
        for (int i = 0; i <= 8; i++) {
            outstation.define(PointType.ANALOG_INPUT, i, 2);
        }
        synchronized (this) {
            publish();
        }
    }

    private interface Starter {
        Outstation start(OutstationConfig config, ControlHandler controls) throws IOException;
    }

    /** A meter the master connects to, listening on {@code address} (port 0 picks a free one). */
    public static Dnp3Meter listen(InetSocketAddress address, int outstation, int master, Clock clock)
            throws IOException {
        return new Dnp3Meter(outstation, master, clock, (c, h) -> Outstation.listen(address, c, h, clock));
    }

    /** A meter that dials in to a listening master (as over cellular), redialing when the connection drops. */
    public static Dnp3Meter dial(InetSocketAddress master, int outstation, int masterAddress, Clock clock)
            throws IOException {
        return new Dnp3Meter(outstation, masterAddress, clock, (c, h) -> Outstation.dial(master, c, h, clock));
    }

    /** Advances the measurements every {@code millis}: load follows a slow swing, energy counts up. */
    public Dnp3Meter run(long millis) {
        model.scheduleAtFixedRate(() -> step(millis / 1000.0), millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    public int port() {
        return outstation.port();
    }

    /** Advances the model by {@code seconds}. */
    public synchronized void step(double seconds) {
        step++;
        double kw = power();
        if (kw >= 0) {
            importWh += kw * 1000 * seconds / 3600;
        } else {
            exportWh += -kw * 1000 * seconds / 3600;
        }
        publish();
    }

    /**
     * Moves the meter's time on by {@code span} at once, as if that much had passed: energy counts for it, and the
     * values from now on carry times that much later than the clock's (a quarter hour of interval energy in a test).
     */
    public synchronized void fastForward(Duration span) {
        ahead = ahead.plus(span);
        step(span.toMillis() / 1000.0);
    }

    private double power() {
        if (!breakerClosed) {
            return 0;
        }
        double swing = 40 + 10 * Math.sin((step + seed) / 20.0);
        return (loadControl ? swing * target / 100 : swing) - exportKw;
    }

    private void publish() {
        Instant now = clock.instant().plus(ahead);
        double kw = power();
        for (int i = 0; i < 3; i++) {
            // metered on the supply side: the voltage stays when the breaker opens, the current stops
            double v = 230 + voltageOffset + 2 * Math.sin((step + seed + 7 * i) / 10.0);
            analog(i, round(v, 1), now);
            analog(3 + i, round(Math.abs(kw) * 1000 / 3 / v / powerFactor, 2), now);
        }
        analog(6, round(kw, 2), now);
        analog(7, powerFactor, now);
        analog(8, round(50 + 0.02 * Math.sin(step / 5.0), 3), now);
        outstation.update(PointType.COUNTER, 0, Math.floor(importWh), OK, now);
        outstation.update(PointType.COUNTER, 1, Math.floor(exportWh), OK, now);
        outstation.update(PointType.BINARY_INPUT, 0, local ? 1 : 0, OK, now);
        outstation.update(PointType.BINARY_OUTPUT_STATUS, 0, breakerClosed ? 1 : 0, OK, now);
        outstation.update(
                PointType.DOUBLE_BIT_BINARY_INPUT, 0, breakerClosed ? DETERMINED_ON : DETERMINED_OFF, OK, now);
        outstation.update(PointType.BINARY_OUTPUT_STATUS, 1, loadControl ? 1 : 0, OK, now);
        outstation.update(PointType.ANALOG_OUTPUT_STATUS, 0, target, OK, now);
        outstation.update(PointType.ANALOG_OUTPUT_STATUS, 1, eventId, OK, now);
        outstation.update(PointType.ANALOG_OUTPUT_STATUS, 2, criticality, OK, now);
    }

    private void analog(int index, double value, Instant now) {
        outstation.update(PointType.ANALOG_INPUT, index, value, OK, now);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** The breaker opens by itself (protection trip): no command was given. */
    public void trip() {
        change(() -> breakerClosed = false);
    }

    public void local(boolean on) {
        change(() -> local = on);
    }

    /** Shifts all phase voltages from 230 V by {@code volts}. */
    public void voltageOffset(double volts) {
        change(() -> voltageOffset = volts);
    }

    public void powerFactor(double pf) {
        change(() -> powerFactor = pf);
    }

    /** Local generation: the meter exports {@code kw} more than the load draws. */
    public void export(double kw) {
        change(() -> exportKw = kw);
    }

    /** Sets or clears the outstation's DEVICE_TROUBLE indication (a failed self-test, say): no value changes. */
    public void deviceTrouble(boolean trouble) {
        outstation.deviceTrouble(trouble);
    }

    /** From now on every control is answered with {@code status}; null answers normally again. */
    public void refuseControls(CommandStatus status) {
        forced = status;
    }

    public synchronized boolean breakerClosed() {
        return breakerClosed;
    }

    public synchronized boolean loadControlActive() {
        return loadControl;
    }

    public synchronized double loadControlTarget() {
        return target;
    }

    public synchronized double loadControlCriticality() {
        return criticality;
    }

    public synchronized double importWh() {
        return importWh;
    }

    public synchronized Set<org.urbis.dnp3.IinFlag> indications() {
        return outstation.indications();
    }

    private void change(Runnable r) {
        synchronized (this) {
            r.run();
            publish();
        }
    }

    /**
     * Runs on the outstation's own thread, which must not wait for the meter's lock (a publish holds it while it
     * waits for that thread): changes are applied on the model thread.
     */
    private final class Controls implements ControlHandler {
        @Override
        public CommandStatus select(int index, Crob crob) {
            return check(index <= 1);
        }

        @Override
        public CommandStatus operate(int index, Crob crob) {
            CommandStatus status = check(index <= 1);
            if (status != CommandStatus.SUCCESS) {
                return status;
            }
            boolean on = crob.operation() == Crob.Operation.LATCH_ON
                    || crob.operation() == Crob.Operation.PULSE_ON && crob.tripClose() != Crob.TripClose.TRIP;
            model.execute(() -> change(() -> {
                if (index == 0) {
                    breakerClosed = on;
                } else {
                    loadControl = on;
                }
            }));
            return status;
        }

        @Override
        public CommandStatus select(int index, AnalogOutput output) {
            return check(index <= 2);
        }

        @Override
        public CommandStatus operate(int index, AnalogOutput output) {
            if (index == 0 && (output.value() < 0 || output.value() > 100)) {
                return CommandStatus.OUT_OF_RANGE;
            }
            CommandStatus status = check(index <= 2);
            if (status == CommandStatus.SUCCESS) {
                model.execute(() -> change(() -> {
                    if (index == 0) {
                        target = output.value();
                    } else if (index == 1) {
                        eventId = output.value();
                    } else {
                        criticality = output.value();
                    }
                }));
            }
            return status;
        }

        private CommandStatus check(boolean known) {
            CommandStatus f = forced;
            if (f != null) {
                return f;
            }
            if (!known) {
                return CommandStatus.NOT_SUPPORTED;
            }
            return local ? CommandStatus.LOCAL : CommandStatus.SUCCESS;
        }
    }

    @Override
    public void close() {
        model.shutdownNow();
        outstation.close();
    }
}
