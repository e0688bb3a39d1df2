package org.urbis.dnp3.internal.app;

import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;

/** What one object instance holds, by kind of object. */
public sealed interface ObjectValue {

    /**
     * A measurement object of groups 1 to 4, 10 and 20 to 40.
     *
     * @param flags the flags octet including the state bits of binaries; ONLINE for objects without flags
     * @param time DNP3 time (ms since 1970 UTC), or -1 when the object has none
     */
    record Point(double value, int flags, long time) implements ObjectValue {
        public static final long NO_TIME = -1;
    }

    /** g12v1. */
    record Control(Crob crob, CommandStatus status) implements ObjectValue {}

    /** g41. */
    record AnalogCommand(double value, CommandStatus status) implements ObjectValue {}

    /** g50, g51: DNP3 time. */
    record Time(long time) implements ObjectValue {}

    /** g52: a delay in seconds (v1) or milliseconds (v2). */
    record Delay(int delay) implements ObjectValue {}

    /** g80v1: one internal indication bit. */
    record Bit(boolean set) implements ObjectValue {}
}
