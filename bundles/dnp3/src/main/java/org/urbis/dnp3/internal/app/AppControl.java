package org.urbis.dnp3.internal.app;

/** The application control octet: FIR, FIN, CON, UNS and a 4-bit sequence number. */
public record AppControl(boolean fir, boolean fin, boolean con, boolean uns, int seq) {

    public AppControl {
        if (seq < 0 || seq > 15) {
            throw new IllegalArgumentException("an application sequence number is 0..15: " + seq);
        }
    }

    /** A single-fragment message. */
    public static AppControl single(boolean con, boolean uns, int seq) {
        return new AppControl(true, true, con, uns, seq);
    }

    public int encode() {
        return (fir ? 0x80 : 0) | (fin ? 0x40 : 0) | (con ? 0x20 : 0) | (uns ? 0x10 : 0) | seq;
    }

    public static AppControl decode(int octet) {
        return new AppControl(
                (octet & 0x80) != 0, (octet & 0x40) != 0, (octet & 0x20) != 0, (octet & 0x10) != 0, octet & 0x0F);
    }

    public static int next(int seq) {
        return (seq + 1) & 0x0F;
    }
}
