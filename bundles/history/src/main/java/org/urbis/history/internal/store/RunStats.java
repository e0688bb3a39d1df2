package org.urbis.history.internal.store;

/**
 * What a downsampled query needs of a run of one point's values (a sealed chunk, or a roll-up slot) when
 * the whole run falls into one bucket: counts, first and last time, min and max, the first and last
 * number, and the time-weighted integral of the holds between the run's own values (each number holds
 * until the next value). A hold that starts at the run's last value depends on what comes after the run,
 * so the query adds it; {@link #widestHold} says whether a maximum hold shorter than some gap inside the
 * run would have cut one of its holds, in which case the run is read value by value instead.
 */
final class RunStats {

    int count;
    long numeric;
    long firstTime;
    long lastTime;
    double min;
    double max;
    double firstNumber;
    /** The last number of the run (NaN when none). */
    double lastNumber;
    /** Whether the run's last value is a number that holds: good or uncertain, and not marked stale. */
    boolean lastHolds;
    /** Sum of number times milliseconds held, over the holds between the run's values. */
    double integral;
    /** Milliseconds held between the run's values. */
    long held;
    /** The longest of those holds, uncut. */
    long widestHold;

    RunStats() {
        reset();
    }

    void reset() {
        count = 0;
        numeric = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        firstNumber = Double.NaN;
        lastNumber = Double.NaN;
        lastHolds = false;
        integral = 0;
        held = 0;
        widestHold = 0;
    }

    /** Adds the next value of the run: its number (NaN when it has none) and whether that number holds. */
    void add(long time, double number, boolean holds) {
        if (count == 0) {
            firstTime = time;
        } else if (lastHolds) {
            long gap = time - lastTime;
            integral += lastNumber * gap;
            held += gap;
            widestHold = Math.max(widestHold, gap);
        }
        count++;
        lastTime = time;
        lastHolds = holds && !Double.isNaN(number);
        if (!Double.isNaN(number)) {
            if (numeric++ == 0) {
                firstNumber = number;
            }
            min = Math.min(min, number);
            max = Math.max(max, number);
            lastNumber = number;
        }
    }

    /** Writes the run with its times relative to {@code base}. */
    void write(Bytes out, long base) {
        out.varLong(count);
        out.varLong(firstTime - base);
        out.varLong(lastTime - firstTime);
        out.varLong(numeric << 1 | (lastHolds ? 1 : 0));
        if (numeric > 0) {
            out.fixedLong(Double.doubleToRawLongBits(min));
            out.fixedLong(Double.doubleToRawLongBits(max));
            out.fixedLong(Double.doubleToRawLongBits(firstNumber));
            out.fixedLong(Double.doubleToRawLongBits(lastNumber));
            out.varLong(held);
            out.varLong(widestHold);
            if (held > 0) {
                out.fixedLong(Double.doubleToRawLongBits(integral));
            }
        }
    }

    /** Reads what {@link #write} wrote into this (reused, so that a query allocates nothing per run). */
    RunStats read(Bytes.Reader in, long base) {
        reset();
        count = (int) in.varLong();
        firstTime = base + in.varLong();
        lastTime = firstTime + in.varLong();
        long n = in.varLong();
        numeric = n >>> 1;
        lastHolds = (n & 1) != 0;
        if (numeric > 0) {
            min = Double.longBitsToDouble(in.fixedLong());
            max = Double.longBitsToDouble(in.fixedLong());
            firstNumber = Double.longBitsToDouble(in.fixedLong());
            lastNumber = Double.longBitsToDouble(in.fixedLong());
            held = in.varLong();
            widestHold = in.varLong();
            if (held > 0) {
                integral = Double.longBitsToDouble(in.fixedLong());
            }
        }
        return this;
    }
}
