package org.urbis.dnp3;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of point an outstation reports; static and event objects of one kind map to the same type. */
public enum PointType {
    BINARY_INPUT,
    DOUBLE_BIT_BINARY_INPUT,
    BINARY_OUTPUT_STATUS,
    COUNTER,
    FROZEN_COUNTER,
    ANALOG_INPUT,
    ANALOG_OUTPUT_STATUS;

    /** The quality a flags octet of this type means; the state bits of binaries are not quality. */
    public Set<Quality> quality(int flags) {
        Set<Quality> quality = EnumSet.noneOf(Quality.class);
        for (Quality q : Quality.values()) {
            if (q.appliesTo(this) && (flags & 1 << q.bit()) != 0) {
                quality.add(q);
            }
        }
        return quality;
    }

    /** The flags octet for this quality (without state bits), the inverse of {@link #quality(int)}. */
    public int flags(Set<Quality> quality) {
        int flags = 0;
        for (Quality q : quality) {
            if (!q.appliesTo(this)) {
                throw new IllegalArgumentException(q + " is no quality of a " + this);
            }
            flags |= 1 << q.bit();
        }
        return flags;
    }

    boolean binary() {
        return this == BINARY_INPUT || this == DOUBLE_BIT_BINARY_INPUT || this == BINARY_OUTPUT_STATUS;
    }

    boolean counter() {
        return this == COUNTER || this == FROZEN_COUNTER;
    }
}
