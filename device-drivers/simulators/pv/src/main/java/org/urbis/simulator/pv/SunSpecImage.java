package org.urbis.simulator.pv;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SynchronizedAbstractRegister;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.urbis.modbus.sunspec.ModelChain;
import org.urbis.modbus.sunspec.SunSpecModel;
import org.urbis.modbus.sunspec.SunSpecPoint;

/**
 * One unit's SunSpec map as holding registers from 40000: the {@code SunS} marker, the given models
 * one after the other, and the end marker. Anything outside it is an illegal data address, as on a
 * real device. Writes by a master to the registers of the writable models are flagged for the model.
 */
final class SunSpecImage implements ProcessImage {

    static final int BASE = 40000;

    /** A holding register that notes a master's write; the simulator sets its value with {@link #publish}. */
    private final class Cell extends SynchronizedAbstractRegister {
        private final boolean writable;

        Cell(boolean writable) {
            this.register = new byte[2];
            this.writable = writable;
        }

        // a master writes through any of these, depending on the function code
        @Override
        public synchronized void setValue(int v) {
            accept();
            super.setValue(v);
        }

        @Override
        public synchronized void setValue(short v) {
            accept();
            super.setValue(v);
        }

        @Override
        public synchronized void setValue(byte[] v) {
            accept();
            super.setValue(v);
        }

        private void accept() {
            if (!writable) {
                throw new IllegalAddressException("read-only register");
            }
            written.set(true);
        }

        void publish(int v) {
            super.setValue(v & 0xFFFF);
        }
    }

    private final Cell[] cells;
    private final Map<Integer, Integer> starts = new LinkedHashMap<>();
    private final AtomicBoolean written = new AtomicBoolean();
    private volatile boolean frozen;

    SunSpecImage(Set<Integer> writableModels, int... models) {
        int size = 2;
        for (int id : models) {
            size += 2 + SunSpecModel.of(id).orElseThrow().length();
        }
        cells = new Cell[size + 2];
        int at = 0;
        cell(at++, false, ModelChain.MARKER_HI);
        cell(at++, false, ModelChain.MARKER_LO);
        for (int id : models) {
            SunSpecModel m = SunSpecModel.of(id).orElseThrow();
            cell(at++, false, id);
            cell(at++, false, m.length());
            starts.put(id, BASE + at);
            for (int i = 0; i < m.length(); i++) {
                cell(at++, writableModels.contains(id), 0);
            }
        }
        cell(at++, false, ModelChain.END);
        cell(at, false, 0);
    }

    private void cell(int i, boolean writable, int value) {
        cells[i] = new Cell(writable);
        cells[i].publish(value);
    }

    /** Whether a master wrote since the last call. */
    boolean takeWritten() {
        return written.getAndSet(false);
    }

    /** Stops publishing: the registers keep what they hold (a meter stuck on its last reading). */
    void freeze(boolean frozen) {
        this.frozen = frozen;
    }

    private int register(int model, String point) {
        SunSpecPoint p = point(model, point);
        return starts.get(model) + p.offset();
    }

    private static SunSpecPoint point(int model, String point) {
        return SunSpecModel.of(model)
                .orElseThrow()
                .point(point)
                .orElseThrow(() -> new IllegalArgumentException("model " + model + " has no point " + point));
    }

    /** Sets a point to {@code value} counts of its unit at scale factor {@code sf}, or to "not implemented" when NaN. */
    void put(int model, String point, double value, int sf) {
        if (frozen) {
            return;
        }
        SunSpecPoint p = point(model, point);
        int at = register(model, point) - BASE;
        if (Double.isNaN(value)) {
            notImplemented(p, at);
            return;
        }
        long raw = Math.round(value / Math.pow(10, sf));
        if (p.type().words() == 1) {
            cells[at].publish((int) raw);
        } else {
            cells[at].publish((int) (raw >>> 16));
            cells[at + 1].publish((int) raw);
        }
    }

    /** The type's "not implemented" registers (SunSpec Information Model Specification). */
    private void notImplemented(SunSpecPoint p, int at) {
        int[] w = switch (p.type()) {
            case INT16, SUNSSF -> new int[] {0x8000};
            case INT32 -> new int[] {0x8000, 0};
            case ACC16, ACC32, ACC64 -> new int[p.size()];
            case FLOAT32 -> new int[] {0x7FC0, 0};
            default -> p.size() == 1 ? new int[] {0xFFFF} : new int[] {0xFFFF, 0xFFFF};
        };
        for (int i = 0; i < w.length; i++) {
            cells[at + i].publish(w[i]);
        }
    }

    /** Sets a scale factor point. */
    void scale(int model, String point, int sf) {
        put(model, point, sf, 0);
    }

    /** Writes text into a string point, two characters a register. */
    void text(int model, String point, String s) {
        SunSpecPoint p = point(model, point);
        int at = register(model, point) - BASE;
        for (int i = 0; i < p.size(); i++) {
            int hi = 2 * i < s.length() ? s.charAt(2 * i) : 0;
            int lo = 2 * i + 1 < s.length() ? s.charAt(2 * i + 1) : 0;
            cells[at + i].publish(hi << 8 | lo);
        }
    }

    /** The raw register of a one-register point, as a master last wrote it or the model set it. */
    int raw(int model, String point) {
        return cells[register(model, point) - BASE].getValue();
    }

    /** Sets a one-register point's raw value regardless of freezing: the model's own state (a control reverting). */
    void setRaw(int model, String point, int raw) {
        cells[register(model, point) - BASE].publish(raw);
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        if (offset < BASE || count < 1 || offset - BASE + count > cells.length) {
            throw new IllegalAddressException("registers " + offset + "+" + count + " are not in the SunSpec map");
        }
        Register[] out = new Register[count];
        System.arraycopy(cells, offset - BASE, out, 0, count);
        return out;
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return BASE + cells.length;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        throw new IllegalAddressException("no input registers");
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        throw new IllegalAddressException("no input registers");
    }

    @Override
    public int getInputRegisterCount() {
        return 0;
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        throw new IllegalAddressException("no coils");
    }

    @Override
    public DigitalOut getDigitalOut(int ref) {
        throw new IllegalAddressException("no coils");
    }

    @Override
    public int getDigitalOutCount() {
        return 0;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        throw new IllegalAddressException("no discrete inputs");
    }

    @Override
    public DigitalIn getDigitalIn(int ref) {
        throw new IllegalAddressException("no discrete inputs");
    }

    @Override
    public int getDigitalInCount() {
        return 0;
    }

    @Override
    public File getFile(int ref) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public File getFileByNumber(int ref) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int ref) {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public FIFO getFIFOByAddress(int ref) {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }
}
