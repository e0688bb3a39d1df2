package org.urbis.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.modbus.internal.TcpLink;

/**
 * One Modbus unit seen through its points: reads them in block requests and writes them, on the
 * connection its {@link ModbusLinks} shares. Not for concurrent use by several threads; the platform
 * calls one device one operation at a time.
 */
public final class ModbusDevice implements AutoCloseable {

    private final ModbusEndpoint endpoint;
    private final TcpLink link;
    private final ModbusSettings settings;
    private final Runnable onClose;
    private final Map<Point, Object> mappings = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ModbusDevice(ModbusEndpoint endpoint, TcpLink link, ModbusSettings settings, Runnable onClose) {
        this.endpoint = endpoint;
        this.link = link;
        this.settings = settings;
        this.onClose = onClose;
    }

    public ModbusEndpoint endpoint() {
        return endpoint;
    }

    /** Problems with the points' Modbus addresses and options, one sentence each; empty when all parse. */
    public static List<String> validate(List<Point> points) {
        List<String> problems = new ArrayList<>();
        for (Point p : points) {
            try {
                RegisterMapping m = RegisterMapping.parse(p.address(), p.options());
                if (p.access().writable() && !m.table().writable()) {
                    problems.add("point '" + p.name() + "' is writable but " + p.address() + " is a read-only table");
                }
                if (p.access().writable() && m.bit() >= 0) {
                    problems.add("point '" + p.name() + "' is writable but maps one bit of a register");
                }
                if (m.isBoolean() != (p.type() == DataType.BOOLEAN)) {
                    problems.add("point '" + p.name() + "' is " + p.type() + " but " + p.address() + " holds "
                            + (m.isBoolean() ? "a bit" : "a number"));
                }
            } catch (IllegalArgumentException e) {
                problems.add("point '" + p.name() + "': " + e.getMessage());
            }
        }
        return problems;
    }

    private Object mapping(Point p) {
        return mappings.computeIfAbsent(p, q -> {
            try {
                return RegisterMapping.parse(q.address(), q.options());
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
    }

    /**
     * Reads the points in as few requests as {@link BlockPlanner} allows. A block the device refuses
     * (an exception code) leaves its points BAD / DEVICE_ERROR; when the connection fails before any
     * block was read, the whole read fails.
     *
     * @throws DriverException TIMEOUT or COMM_ERROR when nothing could be read
     */
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Value[] out = new Value[points.size()];
        List<RegisterMapping> plannable = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Object m = mapping(points.get(i));
            if (m instanceof RegisterMapping rm) {
                plannable.add(rm);
                index.add(i);
            } else {
                out[i] = Value.bad(points.get(i).name(), QualityReason.CONFIGURATION_ERROR, (String) m, Instant.now());
            }
        }
        boolean anyRead = false;
        for (ReadBlock block : BlockPlanner.plan(plannable, settings)) {
            String what = "reading " + block.table().prefix() + ':' + block.start()
                    + (block.count() > 1 ? "-" + (block.start() + block.count() - 1) : "");
            try {
                ModbusResponse response = link.execute(endpoint.unit(), request(block), deadline, what);
                Instant now = Instant.now();
                anyRead = true;
                int[] words = block.table().bits() ? null : words(response);
                boolean[] bits = block.table().bits() ? bits(response, block.count()) : null;
                for (int k : block.points()) {
                    RegisterMapping m = plannable.get(k);
                    Point p = points.get(index.get(k));
                    out[index.get(k)] = decode(p, m, words, bits, m.address() - block.start(), now);
                }
            } catch (DriverException e) {
                if (e.reason() != QualityReason.DEVICE_ERROR && !anyRead) {
                    throw e;
                }
                Instant now = Instant.now();
                for (int k : block.points()) {
                    Point p = points.get(index.get(k));
                    out[index.get(k)] = Value.bad(p.name(), e.reason(), e.getMessage(), now);
                }
            }
        }
        return Arrays.asList(out);
    }

    private static Value decode(Point p, RegisterMapping m, int[] words, boolean[] bits, int at, Instant now) {
        Object raw;
        if (bits != null) {
            raw = m.sense(bits[at]);
        } else if (m.bit() >= 0) {
            raw = m.decodeBit(words, at);
        } else {
            double v = m.decode(words, at);
            if (!Double.isFinite(v)) {
                return Value.bad(
                        p.name(), QualityReason.DEVICE_ERROR, m.describe() + " holds " + v + ", not a number", now);
            }
            raw = p.type() == DataType.INTEGER ? (Object) Math.round(v) : (Object) v;
        }
        try {
            return Value.good(p.name(), p.type().coerce(raw), now);
        } catch (IllegalArgumentException e) {
            return Value.bad(p.name(), QualityReason.TYPE_MISMATCH, m.describe() + ": " + e.getMessage(), now);
        }
    }

    private static ModbusRequest request(ReadBlock b) {
        switch (b.table()) {
            case COIL:
                return new ReadCoilsRequest(b.start(), b.count());
            case DISCRETE_INPUT:
                return new ReadInputDiscretesRequest(b.start(), b.count());
            case INPUT_REGISTER:
                return new ReadInputRegistersRequest(b.start(), b.count());
            default:
                return new ReadMultipleRegistersRequest(b.start(), b.count());
        }
    }

    private static int[] words(ModbusResponse r) {
        if (r instanceof ReadMultipleRegistersResponse rr) {
            int[] w = new int[rr.getWordCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = rr.getRegisterValue(i);
            }
            return w;
        }
        ReadInputRegistersResponse rr = (ReadInputRegistersResponse) r;
        int[] w = new int[rr.getWordCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rr.getRegisterValue(i);
        }
        return w;
    }

    private static boolean[] bits(ModbusResponse r, int count) {
        boolean[] b = new boolean[count];
        for (int i = 0; i < count; i++) {
            b[i] = r instanceof ReadCoilsResponse rc
                    ? rc.getCoilStatus(i)
                    : ((ReadInputDiscretesResponse) r).getDiscreteStatus(i);
        }
        return b;
    }

    /**
     * Writes one point: a coil with FC 05, a one-register value with FC 06, a two-register value
     * with FC 16.
     *
     * @throws DriverException CONFIGURATION_ERROR when the point cannot be written, DEVICE_ERROR when the
     *         device refused it, TIMEOUT or COMM_ERROR when it could not be reached
     */
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object m = mapping(point);
        if (!(m instanceof RegisterMapping rm)) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, "point '" + point.name() + "': " + m);
        }
        if (!rm.table().writable() || rm.bit() >= 0) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR,
                    "point '" + point.name() + "' at " + rm.describe() + " cannot be written");
        }
        ModbusRequest request;
        String what = "writing " + rm.describe();
        if (rm.table().bits()) {
            request = new WriteCoilRequest(rm.address(), rm.sense((Boolean) DataType.BOOLEAN.coerce(value)));
        } else {
            int[] words;
            try {
                words = rm.encode((Double) DataType.FLOAT.coerce(value));
            } catch (IllegalArgumentException e) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR, "point '" + point.name() + "': " + e.getMessage());
            }
            if (words.length == 1) {
                request = new WriteSingleRegisterRequest(rm.address(), new SimpleRegister(words[0]));
            } else {
                Register[] regs = new Register[words.length];
                for (int i = 0; i < words.length; i++) {
                    regs[i] = new SimpleRegister(words[i]);
                }
                request = new WriteMultipleRegistersRequest(rm.address(), regs);
            }
        }
        link.execute(endpoint.unit(), request, deadline, what);
    }

    /**
     * Reads {@code count} holding registers from {@code start} (FC 03), in requests of at most 125
     * registers: for self-describing maps such as SunSpec's, whose layout is found by reading.
     *
     * @throws DriverException DEVICE_ERROR when the device refused a request (e.g. an address it does not
     *         have), TIMEOUT or COMM_ERROR when it could not be reached
     */
    public int[] readHolding(int start, int count, Duration timeout) throws DriverException, InterruptedException {
        if (start < 0 || count < 1 || start + count - 1 > 0xFFFF) {
            throw new IllegalArgumentException("registers " + start + "+" + count + " are outside 0-65535");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] out = new int[count];
        for (int done = 0; done < count; done += 125) {
            int n = Math.min(125, count - done);
            String what = "reading hr:" + (start + done) + "-" + (start + done + n - 1);
            int[] w = words(
                    link.execute(endpoint.unit(), new ReadMultipleRegistersRequest(start + done, n), deadline, what));
            if (w.length != n) {
                throw new DriverException(QualityReason.DEVICE_ERROR, what + ": " + w.length + " registers came back");
            }
            System.arraycopy(w, 0, out, done, n);
        }
        return out;
    }

    /**
     * Writes consecutive holding registers from {@code start} in one request (FC 16).
     *
     * @throws DriverException DEVICE_ERROR when the device refused it, TIMEOUT or COMM_ERROR when it could not be reached
     */
    public void writeHolding(int start, int[] words, Duration timeout) throws DriverException, InterruptedException {
        if (start < 0 || words.length < 1 || words.length > 123 || start + words.length - 1 > 0xFFFF) {
            throw new IllegalArgumentException(
                    "a write of " + words.length + " registers at " + start + " is not possible");
        }
        Register[] regs = new Register[words.length];
        for (int i = 0; i < words.length; i++) {
            regs[i] = new SimpleRegister(words[i] & 0xFFFF);
        }
        link.execute(
                endpoint.unit(),
                new WriteMultipleRegistersRequest(start, regs),
                System.nanoTime() + timeout.toNanos(),
                "writing hr:" + start + (words.length > 1 ? "-" + (start + words.length - 1) : ""));
    }

    /** Drops this unit's connection so that the next request opens a new one. */
    public void resetConnection() {
        link.reset();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
