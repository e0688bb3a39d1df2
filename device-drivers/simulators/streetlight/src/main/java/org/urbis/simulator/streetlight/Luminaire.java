package org.urbis.simulator.streetlight;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One simulated luminaire node: relay, dimmer, meter and program. Every method holds the node's lock. */
final class Luminaire {

    final String id;
    final String topic;
    private final double ratedPowerW;
    private final double nominalVoltage;
    private boolean relay;
    private double dim = 100;
    private double energyKWh;
    private double hours;
    private long switchOns;
    private long commands;
    private Program program;
    private Instant lastCommand = Instant.EPOCH;
    private String lastCommandId = "";
    private Instant lastStepApplied = Instant.EPOCH;
    private Duration ackDelay = Duration.ZERO;
    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
    /** When the next unasked status is due, in {@link System#nanoTime()}: real time, whatever the node's clock says. */
    long nextStatusNanos;

    Luminaire(String id, String topic, double ratedPowerW, double nominalVoltage, long firstStatusNanos) {
        this.id = id;
        this.topic = topic;
        this.ratedPowerW = ratedPowerW;
        this.nominalVoltage = nominalVoltage;
        this.nextStatusNanos = firstStatusNanos;
    }

    synchronized double power() {
        return relay && !faults.contains(Fault.LAMP_FAILED) ? ratedPowerW * dim / 100.0 : 0.0;
    }

    /** Integrates energy and hours over {@code dt}. */
    synchronized void advance(Duration dt) {
        double p = power();
        double h = dt.toNanos() / 3.6e12;
        energyKWh += p * h / 1000.0;
        if (p > 0) {
            hours += h;
        }
    }

    /** Sets the relay as a command or a program step asks; a stuck relay does not move. */
    synchronized void relay(boolean on) {
        if (faults.contains(Fault.STUCK_RELAY)) {
            return;
        }
        if (on && !relay) {
            switchOns++;
        }
        relay = on;
    }

    synchronized void dim(double level) {
        dim = level;
    }

    synchronized void commanded(Instant at) {
        commands++;
        lastCommand = at;
    }

    /** The id of the last command carried out, echoed in the status as {@code cmd}. */
    synchronized void lastCommandId(String id) {
        lastCommandId = id;
    }

    synchronized void program(Program p) {
        program = p;
        lastStepApplied = Instant.EPOCH;
    }

    /**
     * Runs the program when no command came after its current step began: a command holds until the
     * next step. Returns true when the step changed the lamp.
     */
    synchronized boolean runProgram(Instant now, double latitude, double longitude) {
        if (program == null) {
            return false;
        }
        var active = program.activeAt(now, latitude, longitude);
        if (active.isEmpty()
                || !active.get().since().isAfter(lastCommand)
                || !active.get().since().isAfter(lastStepApplied)) {
            return false;
        }
        lastStepApplied = active.get().since();
        double level = active.get().step().level();
        boolean before = relay;
        double dimBefore = dim;
        relay(level > 0);
        if (level > 0) {
            dim = level;
        }
        return before != relay || dimBefore != dim;
    }

    synchronized void fault(Fault f, boolean on) {
        if (on) {
            faults.add(f);
        } else {
            faults.remove(f);
        }
    }

    synchronized boolean has(Fault f) {
        return faults.contains(f);
    }

    synchronized void ackDelay(Duration d) {
        ackDelay = d;
    }

    synchronized Duration ackDelay() {
        return ackDelay;
    }

    /** The status message's fields, in the documented order. */
    synchronized Map<String, Object> status(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", now.toEpochMilli());
        m.put("relay", relay);
        m.put("dim", dim);
        m.put("power", round(power(), 1));
        m.put("energy", round(energyKWh, 4));
        m.put("hours", round(hours, 4));
        m.put("switchOns", switchOns);
        m.put("lamp", faults.contains(Fault.LAMP_FAILED) ? "FAILED" : "OK");
        m.put("voltage", nominalVoltage);
        m.put("programId", program == null ? "" : program.id());
        if (!lastCommandId.isEmpty()) {
            m.put("cmd", lastCommandId);
        }
        return m;
    }

    synchronized NodeState snapshot() {
        return new NodeState(
                id,
                relay,
                dim,
                power(),
                energyKWh,
                hours,
                switchOns,
                program == null ? "" : program.id(),
                commands,
                Set.copyOf(faults));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
