package org.urbis.dnp3;

import java.util.EnumSet;
import java.util.Set;

/** The sixteen internal indication bits of a response: IIN1.0 to IIN1.7 then IIN2.0 to IIN2.7. */
public enum IinFlag {
    BROADCAST,
    CLASS_1_EVENTS,
    CLASS_2_EVENTS,
    CLASS_3_EVENTS,
    NEED_TIME,
    LOCAL_CONTROL,
    DEVICE_TROUBLE,
    DEVICE_RESTART,
    NO_FUNC_CODE_SUPPORT,
    OBJECT_UNKNOWN,
    PARAMETER_ERROR,
    EVENT_BUFFER_OVERFLOW,
    ALREADY_EXECUTING,
    CONFIG_CORRUPT,
    RESERVED_2,
    RESERVED_1;

    /** The bit in the 16-bit IIN value, IIN1 in the low byte as on the wire. */
    public int mask() {
        return 1 << ordinal();
    }

    public static Set<IinFlag> of(int iin) {
        Set<IinFlag> flags = EnumSet.noneOf(IinFlag.class);
        for (IinFlag flag : values()) {
            if ((iin & flag.mask()) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
