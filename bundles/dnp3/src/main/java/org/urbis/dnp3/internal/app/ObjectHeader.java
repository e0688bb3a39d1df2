package org.urbis.dnp3.internal.app;

/**
 * An object header: group, variation, qualifier and its range or count.
 *
 * @param start first index of a start-stop range, 0 otherwise
 * @param count number of objects (or indices) the header covers; 0 for qualifier 0x06
 */
public record ObjectHeader(int group, int variation, int qualifier, int start, int count) {

    public static final int START_STOP_8 = 0x00;
    public static final int START_STOP_16 = 0x01;
    public static final int ALL = 0x06;
    public static final int COUNT_8 = 0x07;
    public static final int COUNT_16 = 0x08;
    public static final int INDEXED_8 = 0x17;
    public static final int INDEXED_16 = 0x28;

    public boolean range() {
        return qualifier == START_STOP_8 || qualifier == START_STOP_16;
    }

    public boolean indexed() {
        return qualifier == INDEXED_8 || qualifier == INDEXED_16;
    }

    public String name() {
        return String.format("g%dv%d qualifier 0x%02X", group, variation, qualifier);
    }
}
