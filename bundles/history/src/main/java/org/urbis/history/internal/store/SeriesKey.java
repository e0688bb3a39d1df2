package org.urbis.history.internal.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * A key of the chunk and change maps: a series (a device's point, or the device itself) and a time in
 * milliseconds, ordered by series, then time, so that one series' range is one stretch of the map.
 */
record SeriesKey(int series, long time) implements Comparable<SeriesKey> {

    @Override
    public int compareTo(SeriesKey o) {
        int c = Integer.compare(series, o.series);
        return c != 0 ? c : Long.compare(time, o.time);
    }

    /** How MVStore writes the key: two variable-length numbers. */
    static final class Type extends BasicDataType<SeriesKey> {

        static final Type INSTANCE = new Type();

        @Override
        public int getMemory(SeriesKey k) {
            return 32;
        }

        @Override
        public void write(WriteBuffer buff, SeriesKey k) {
            buff.putVarInt(k.series).putVarLong(k.time);
        }

        @Override
        public SeriesKey read(ByteBuffer buff) {
            return new SeriesKey(DataUtils.readVarInt(buff), DataUtils.readVarLong(buff));
        }

        @Override
        public int compare(SeriesKey a, SeriesKey b) {
            return a.compareTo(b);
        }

        @Override
        public SeriesKey[] createStorage(int size) {
            return new SeriesKey[size];
        }
    }
}
