package org.urbis.dnp3;

/**
 * The flag bits of a point, by the bit each occupies in the flags octet; bits 5 and 6 mean different things
 * per type.
 */
public enum Quality {
    ONLINE(0),
    RESTART(1),
    COMM_LOST(2),
    REMOTE_FORCED(3),
    LOCAL_FORCED(4),
    /** Binary inputs: the chatter filter holds the point. */
    CHATTER(5),
    /** Counters: the counter rolled over (obsolete in IEEE 1815-2012 but still sent). */
    ROLLOVER(5),
    /** Counters: the value jumped other than by counting. */
    DISCONTINUITY(6),
    /** Analogs: the value does not fit the variation. */
    OVER_RANGE(5),
    /** Analogs: the reference of the measurement is unreliable. */
    REFERENCE_ERR(6);

    private final int bit;

    Quality(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public boolean appliesTo(PointType type) {
        return switch (this) {
            case ONLINE, RESTART, COMM_LOST, REMOTE_FORCED, LOCAL_FORCED -> true;
            case CHATTER -> type == PointType.BINARY_INPUT || type == PointType.DOUBLE_BIT_BINARY_INPUT;
            case ROLLOVER, DISCONTINUITY -> type.counter();
            case OVER_RANGE, REFERENCE_ERR -> !type.binary() && !type.counter();
        };
    }
}
