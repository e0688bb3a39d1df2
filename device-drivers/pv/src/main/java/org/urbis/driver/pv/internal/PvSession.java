package org.urbis.driver.pv.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.modbus.ModbusDevice;
import org.urbis.modbus.sunspec.ModelBlock;
import org.urbis.modbus.sunspec.ModelChain;
import org.urbis.modbus.sunspec.Reading;
import org.urbis.modbus.sunspec.SunSpecModel;

/**
 * One SunSpec device: finds its models on first use (and again after the link was lost, as a
 * replaced or updated device may lay them out anew), reads each model a poll needs in one request,
 * and writes the power limit of model 123.
 */
final class PvSession implements DriverSession {

    static final String LIMIT_PCT = "WMaxLimPct";
    static final String LIMIT_ENABLED = "WMaxLim_Ena";
    private static final int CONTROLS = 123;
    private static final int NAMEPLATE = 120;

    private final Device device;
    private final ModbusDevice modbus;
    private final PvOptions options;
    private final PvMonitor monitor;
    private final Clock clock;
    private volatile ModelChain chain;

    PvSession(Device device, ModbusDevice modbus, PvOptions options, PvMonitor monitor, Clock clock) {
        this.device = device;
        this.modbus = modbus;
        this.options = options;
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.POLLED;
    }

    private ModelChain chain(long deadline) throws DriverException, InterruptedException {
        ModelChain c = chain;
        if (c == null) {
            c = ModelChain.discover((start, count) -> modbus.readHolding(start, count, remaining(deadline)));
            chain = c;
        }
        return c;
    }

    private static Duration remaining(long deadline) throws DriverException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new DriverException(QualityReason.TIMEOUT, "no time left for the SunSpec device");
        }
        return Duration.ofNanos(left);
    }

    private ModelBlock block(ModelChain.Entry e, long deadline) throws DriverException, InterruptedException {
        SunSpecModel def = SunSpecModel.of(e.id()).orElseThrow();
        if (e.length() < def.length()) {
            throw new DriverException(
                    QualityReason.DEVICE_ERROR,
                    "model " + e.id() + " at register " + e.address() + " is " + e.length()
                            + " registers long, its definition " + def.length());
        }
        return new ModelBlock(def, e.start(), modbus.readHolding(e.start(), def.length(), remaining(deadline)));
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            ModelChain c = chain(deadline);
            Map<ModelChain.Entry, Object> blocks = new HashMap<>();
            List<Value> values = new ArrayList<>(points.size());
            List<String> roles = new ArrayList<>(points.size());
            for (Point p : points) {
                values.add(value(p, c, blocks, deadline));
                roles.add(p.role());
            }
            return monitor.check(values, roles, clock.instant());
        } catch (DriverException e) {
            if (e.reason() != QualityReason.DEVICE_ERROR) {
                chain = null;
            }
            throw e;
        }
    }

    private Value value(Point p, ModelChain c, Map<ModelChain.Entry, Object> blocks, long deadline)
            throws DriverException, InterruptedException {
        Instant now = clock.instant();
        SunSpecAddress a;
        try {
            a = SunSpecAddress.parse(p);
        } catch (IllegalArgumentException e) {
            return Value.bad(p.name(), QualityReason.CONFIGURATION_ERROR, e.getMessage(), now);
        }
        ModelChain.Entry e = c.first(a.models()).orElse(null);
        if (e == null) {
            if (a.models()[0] == NAMEPLATE && !Double.isNaN(options.ratedPowerKw())) {
                return Value.good(p.name(), options.ratedPowerKw(), now); // no nameplate: the inventory's rating
            }
            return Value.bad(
                    p.name(),
                    QualityReason.CONFIGURATION_ERROR,
                    "the device has no " + a.describe()
                            + (a.models()[0] == NAMEPLATE ? " (give the device option ratedPower)" : ""),
                    now);
        }
        Object b = blocks.get(e);
        if (b == null) {
            try {
                b = block(e, deadline);
            } catch (DriverException ex) {
                if (ex.reason() != QualityReason.DEVICE_ERROR) {
                    throw ex;
                }
                b = ex;
            }
            blocks.put(e, b);
        }
        if (b instanceof DriverException ex) {
            return Value.bad(p.name(), ex.reason(), ex.getMessage(), now);
        }
        ModelBlock block = (ModelBlock) b;
        if (a.text()) {
            return Value.good(p.name(), block.text(a.point()), now);
        }
        Reading r = block.read(a.point());
        if (!r.ok() && e.id() == NAMEPLATE && !Double.isNaN(options.ratedPowerKw())) {
            return Value.good(p.name(), options.ratedPowerKw(), now);
        }
        if (!r.ok()) {
            return Value.bad(p.name(), QualityReason.DEVICE_ERROR, r.problem(), now);
        }
        double v = r.value();
        if (a.point().equals(LIMIT_PCT)) {
            // the limit in force: none (100 %) while the device has it disabled
            Reading enabled = block.read(LIMIT_ENABLED);
            if (enabled.ok() && enabled.value() != 1) {
                v = 100;
            }
        }
        // scaled in decimal, so that 4000075 Wh at 0.001 reads 4000.075 kWh, not 4000.0750000000003
        double scaled = a.scale() == 1
                ? v
                : BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(a.scale())).doubleValue();
        Object raw = p.type() == DataType.BOOLEAN
                ? (Object) (v == 1)
                : p.type() == DataType.INTEGER ? (Object) Math.round(scaled) : (Object) scaled;
        try {
            return Value.good(p.name(), p.type().coerce(raw), now);
        } catch (IllegalArgumentException ex) {
            return Value.bad(p.name(), QualityReason.TYPE_MISMATCH, a.describe() + ": " + ex.getMessage(), now);
        }
    }

    /**
     * Writes a point of model 123. The power limit ({@code WMaxLimPct}) is written in one request with its
     * window (0: at once), revert timeout and ramp time from the device's options, and {@code WMaxLim_Ena} 1;
     * 100 % writes {@code WMaxLim_Ena} 0, which releases the inverter.
     */
    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SunSpecAddress a;
        try {
            a = SunSpecAddress.parse(point);
        } catch (IllegalArgumentException e) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, e.getMessage());
        }
        if (a.models()[0] != CONTROLS || a.text()) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR,
                    "point '" + point.name() + "': " + a.describe()
                            + " cannot be written; only the immediate controls of model 123 can");
        }
        double v = point.type() == DataType.BOOLEAN
                ? (Boolean.TRUE.equals(DataType.BOOLEAN.coerce(value)) ? 1 : 0)
                : ((Number) DataType.FLOAT.coerce(value)).doubleValue() / a.scale();
        try {
            ModelChain.Entry e = chain(deadline)
                    .model(CONTROLS)
                    .orElseThrow(() -> new DriverException(
                            QualityReason.DEVICE_ERROR, "the device has no immediate controls (model 123)"));
            ModelBlock block = block(e, deadline);
            int[] words;
            int at;
            if (a.point().equals(LIMIT_PCT)) {
                if (!(v >= 0 && v <= 100)) {
                    throw new DriverException(
                            QualityReason.CONFIGURATION_ERROR,
                            "point '" + point.name() + "': a power limit is 0-100 %, not " + v);
                }
                at = block.register(LIMIT_PCT);
                // WMaxLimPct, _WinTms, _RvrtTms, _RmpTms, WMaxLim_Ena lie one after the other
                words = new int[] {
                    encode(block, LIMIT_PCT, v)[0],
                    0,
                    options.limitRevertSeconds(),
                    options.limitRampSeconds(),
                    v >= 100 ? 0 : 1
                };
            } else {
                at = block.register(a.point());
                words = encode(block, a.point(), v);
            }
            modbus.writeHolding(at, words, remaining(deadline));
        } catch (DriverException e) {
            if (e.reason() == QualityReason.COMM_ERROR || e.reason() == QualityReason.TIMEOUT) {
                chain = null;
            }
            throw e;
        }
    }

    private int[] encode(ModelBlock block, String point, double v) throws DriverException {
        try {
            return block.encode(point, v);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, device.id() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        modbus.close();
    }
}
