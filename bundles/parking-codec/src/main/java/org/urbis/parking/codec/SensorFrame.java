package org.urbis.parking.codec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one uplink of a parking sensor says. Only what the frame carries is present: a field the
 * model does not report is empty, never a default.
 */
public final class SensorFrame {

    /** What kind of frame it was. */
    public enum Kind {
        /** Sent on a change of occupancy. */
        STATUS,
        /** Sent periodically; also carries occupancy, so it reconciles a lost status frame. */
        HEARTBEAT,
        /** Sent after a reset or join. */
        STARTUP,
        /** Settings or diagnostics without occupancy. */
        OTHER
    }

    private final Kind kind;
    private final Boolean occupied;
    private final Duration previousState;
    private final boolean previousStateOverflow;
    private final Double batteryVolts;
    private final Double batteryPercent;
    private final Boolean lowBattery;
    private final Double temperature;
    private final String fault;
    private final Boolean tamper;
    private final String firmware;
    private final String resetCause;

    private SensorFrame(Builder b) {
        this.kind = b.kind;
        this.occupied = b.occupied;
        this.previousState = b.previousState;
        this.previousStateOverflow = b.previousStateOverflow;
        this.batteryVolts = b.batteryVolts;
        this.batteryPercent = b.batteryPercent;
        this.lowBattery = b.lowBattery;
        this.temperature = b.temperature;
        this.fault = b.fault;
        this.tamper = b.tamper;
        this.firmware = b.firmware;
        this.resetCause = b.resetCause;
    }

    public static Builder of(Kind kind) {
        return new Builder(kind);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a vehicle is over the sensor. */
    public Optional<Boolean> occupied() {
        return Optional.ofNullable(occupied);
    }

    /** How long the state before this one lasted, as the sensor measured it. */
    public Optional<Duration> previousState() {
        return Optional.ofNullable(previousState);
    }

    /** Whether the previous state lasted longer than the sensor can count ({@link #previousState()} is its ceiling). */
    public boolean previousStateOverflow() {
        return previousStateOverflow;
    }

    public Optional<Double> batteryVolts() {
        return Optional.ofNullable(batteryVolts);
    }

    public Optional<Double> batteryPercent() {
        return Optional.ofNullable(batteryPercent);
    }

    /** Whether the sensor itself judges its battery low. */
    public Optional<Boolean> lowBattery() {
        return Optional.ofNullable(lowBattery);
    }

    /** °C. */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** A hardware fault the sensor reports, as a sentence; empty when it reports none or cannot say. */
    public Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    /** Tamper, strong magnetic interference or obstruction, where the sensor reports it. */
    public Optional<Boolean> tamper() {
        return Optional.ofNullable(tamper);
    }

    public Optional<String> firmware() {
        return Optional.ofNullable(firmware);
    }

    public Optional<String> resetCause() {
        return Optional.ofNullable(resetCause);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        append(sb, "occupied", occupied);
        append(sb, "previousState", previousState);
        append(sb, "batteryVolts", batteryVolts);
        append(sb, "batteryPercent", batteryPercent);
        append(sb, "lowBattery", lowBattery);
        append(sb, "temperature", temperature);
        append(sb, "fault", fault);
        append(sb, "tamper", tamper);
        append(sb, "firmware", firmware);
        append(sb, "resetCause", resetCause);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(' ').append(name).append('=').append(value);
        }
    }

    /** Fills a frame; a field left unset is one the frame does not carry. */
    public static final class Builder {
        private final Kind kind;
        private Boolean occupied;
        private Duration previousState;
        private boolean previousStateOverflow;
        private Double batteryVolts;
        private Double batteryPercent;
        private Boolean lowBattery;
        private Double temperature;
        private String fault;
        private Boolean tamper;
        private String firmware;
        private String resetCause;

        private Builder(Kind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Builder occupied(boolean occupied) {
            this.occupied = occupied;
            return this;
        }

        public Builder previousState(Duration lasted, boolean overflow) {
            this.previousState = lasted;
            this.previousStateOverflow = overflow;
            return this;
        }

        public Builder batteryVolts(double volts) {
            this.batteryVolts = volts;
            return this;
        }

        public Builder batteryPercent(double percent) {
            this.batteryPercent = percent;
            return this;
        }

        public Builder lowBattery(boolean low) {
            this.lowBattery = low;
            return this;
        }

        public Builder temperature(double celsius) {
            this.temperature = celsius;
            return this;
        }

        /** A fault sentence, or null when the sensor reports its hardware healthy. */
        public Builder fault(String fault) {
            this.fault = fault;
            return this;
        }

        public Builder tamper(boolean tamper) {
            this.tamper = tamper;
            return this;
        }

        public Builder firmware(String firmware) {
            this.firmware = firmware;
            return this;
        }

        public Builder resetCause(String cause) {
            this.resetCause = cause;
            return this;
        }

        public SensorFrame build() {
            return new SensorFrame(this);
        }
    }
}
