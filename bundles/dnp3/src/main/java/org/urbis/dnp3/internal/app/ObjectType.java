package org.urbis.dnp3.internal.app;

import static org.urbis.dnp3.internal.app.Field.F32;
import static org.urbis.dnp3.internal.app.Field.F64;
import static org.urbis.dnp3.internal.app.Field.FLAGS;
import static org.urbis.dnp3.internal.app.Field.I16;
import static org.urbis.dnp3.internal.app.Field.I32;
import static org.urbis.dnp3.internal.app.Field.REL_TIME;
import static org.urbis.dnp3.internal.app.Field.STATUS;
import static org.urbis.dnp3.internal.app.Field.TIME;
import static org.urbis.dnp3.internal.app.Field.U16;
import static org.urbis.dnp3.internal.app.Field.U32;

import java.util.Arrays;
import java.util.List;
import org.urbis.dnp3.PointType;

/** Every object (group and variation) this stack reads and writes, with its layout on the wire. */
public enum ObjectType {
    G1V1(1, 1, Kind.PACKED_BIT),
    G1V2(1, 2, Kind.POINT, FLAGS),
    G2V1(2, 1, Kind.POINT, FLAGS),
    G2V2(2, 2, Kind.POINT, FLAGS, TIME),
    G2V3(2, 3, Kind.POINT, FLAGS, REL_TIME),
    G3V1(3, 1, Kind.PACKED_DOUBLE_BIT),
    G3V2(3, 2, Kind.POINT, FLAGS),
    G4V1(4, 1, Kind.POINT, FLAGS),
    G4V2(4, 2, Kind.POINT, FLAGS, TIME),
    G4V3(4, 3, Kind.POINT, FLAGS, REL_TIME),
    G10V1(10, 1, Kind.PACKED_BIT),
    G10V2(10, 2, Kind.POINT, FLAGS),
    G12V1(12, 1, Kind.CROB),
    G20V1(20, 1, Kind.POINT, FLAGS, U32),
    G20V2(20, 2, Kind.POINT, FLAGS, U16),
    G20V5(20, 5, Kind.POINT, U32),
    G20V6(20, 6, Kind.POINT, U16),
    G21V1(21, 1, Kind.POINT, FLAGS, U32),
    G21V2(21, 2, Kind.POINT, FLAGS, U16),
    G21V5(21, 5, Kind.POINT, FLAGS, U32, TIME),
    G21V6(21, 6, Kind.POINT, FLAGS, U16, TIME),
    G21V9(21, 9, Kind.POINT, U32),
    G21V10(21, 10, Kind.POINT, U16),
    G22V1(22, 1, Kind.POINT, FLAGS, U32),
    G22V2(22, 2, Kind.POINT, FLAGS, U16),
    G22V5(22, 5, Kind.POINT, FLAGS, U32, TIME),
    G22V6(22, 6, Kind.POINT, FLAGS, U16, TIME),
    G23V1(23, 1, Kind.POINT, FLAGS, U32),
    G23V2(23, 2, Kind.POINT, FLAGS, U16),
    G23V5(23, 5, Kind.POINT, FLAGS, U32, TIME),
    G23V6(23, 6, Kind.POINT, FLAGS, U16, TIME),
    G30V1(30, 1, Kind.POINT, FLAGS, I32),
    G30V2(30, 2, Kind.POINT, FLAGS, I16),
    G30V3(30, 3, Kind.POINT, I32),
    G30V4(30, 4, Kind.POINT, I16),
    G30V5(30, 5, Kind.POINT, FLAGS, F32),
    G30V6(30, 6, Kind.POINT, FLAGS, F64),
    G32V1(32, 1, Kind.POINT, FLAGS, I32),
    G32V2(32, 2, Kind.POINT, FLAGS, I16),
    G32V3(32, 3, Kind.POINT, FLAGS, I32, TIME),
    G32V4(32, 4, Kind.POINT, FLAGS, I16, TIME),
    G32V5(32, 5, Kind.POINT, FLAGS, F32),
    G32V6(32, 6, Kind.POINT, FLAGS, F64),
    G32V7(32, 7, Kind.POINT, FLAGS, F32, TIME),
    G32V8(32, 8, Kind.POINT, FLAGS, F64, TIME),
    G40V1(40, 1, Kind.POINT, FLAGS, I32),
    G40V2(40, 2, Kind.POINT, FLAGS, I16),
    G40V3(40, 3, Kind.POINT, FLAGS, F32),
    G40V4(40, 4, Kind.POINT, FLAGS, F64),
    G41V1(41, 1, Kind.ANALOG_COMMAND, I32, STATUS),
    G41V2(41, 2, Kind.ANALOG_COMMAND, I16, STATUS),
    G41V3(41, 3, Kind.ANALOG_COMMAND, F32, STATUS),
    G41V4(41, 4, Kind.ANALOG_COMMAND, F64, STATUS),
    G50V1(50, 1, Kind.TIME, TIME),
    G50V3(50, 3, Kind.TIME, TIME),
    G51V1(51, 1, Kind.TIME, TIME),
    G51V2(51, 2, Kind.TIME, TIME),
    G52V1(52, 1, Kind.DELAY, U16),
    G52V2(52, 2, Kind.DELAY, U16),
    G60V1(60, 1, Kind.CLASS),
    G60V2(60, 2, Kind.CLASS),
    G60V3(60, 3, Kind.CLASS),
    G60V4(60, 4, Kind.CLASS),
    G80V1(80, 1, Kind.PACKED_IIN);

    /** How instances are laid out and what they decode to. */
    public enum Kind {
        POINT,
        PACKED_BIT,
        PACKED_DOUBLE_BIT,
        CROB,
        ANALOG_COMMAND,
        TIME,
        DELAY,
        CLASS,
        PACKED_IIN;

        public boolean packed() {
            return this == PACKED_BIT || this == PACKED_DOUBLE_BIT || this == PACKED_IIN;
        }
    }

    private static final int CROB_SIZE = 11;

    private final int group;
    private final int variation;
    private final Kind kind;
    private final List<Field> fields;

    ObjectType(int group, int variation, Kind kind, Field... fields) {
        this.group = group;
        this.variation = variation;
        this.kind = kind;
        this.fields = List.of(fields);
    }

    public int group() {
        return group;
    }

    public int variation() {
        return variation;
    }

    public Kind kind() {
        return kind;
    }

    List<Field> fields() {
        return fields;
    }

    /** Bytes per instance; 0 for packed and class objects. */
    public int size() {
        return kind == Kind.CROB
                ? CROB_SIZE
                : fields.stream().mapToInt(Field::size).sum();
    }

    public boolean hasFlags() {
        return fields.contains(FLAGS);
    }

    public boolean hasTime() {
        return fields.contains(TIME) || fields.contains(REL_TIME);
    }

    public boolean relativeTime() {
        return fields.contains(REL_TIME);
    }

    /** Event groups report changes; the others report current values. */
    public boolean event() {
        return group == 2 || group == 4 || group == 22 || group == 23 || group == 32;
    }

    /** The measurement type of a point object, null for other objects. */
    public PointType pointType() {
        return pointType(group);
    }

    public static PointType pointType(int group) {
        return switch (group) {
            case 1, 2 -> PointType.BINARY_INPUT;
            case 3, 4 -> PointType.DOUBLE_BIT_BINARY_INPUT;
            case 10 -> PointType.BINARY_OUTPUT_STATUS;
            case 20, 22 -> PointType.COUNTER;
            case 21, 23 -> PointType.FROZEN_COUNTER;
            case 30, 32 -> PointType.ANALOG_INPUT;
            case 40 -> PointType.ANALOG_OUTPUT_STATUS;
            default -> null;
        };
    }

    /** The state bits a binary's flags octet carries: bit 7, or bits 6 and 7 for double-bit inputs. */
    int stateShift() {
        return switch (group) {
            case 1, 2, 10 -> 7;
            case 3, 4 -> 6;
            default -> -1;
        };
    }

    /** The type, or null when this stack does not know the object. */
    public static ObjectType of(int group, int variation) {
        return Arrays.stream(values())
                .filter(t -> t.group == group && t.variation == variation)
                .findFirst()
                .orElse(null);
    }

    @Override
    public String toString() {
        return "g" + group + "v" + variation;
    }
}
