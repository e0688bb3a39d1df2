package org.urbis.dnp3.internal.app;

import java.util.Random;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;

/** Random but valid object instances: each one a value its object can carry exactly. */
public final class RandomObjects {

    /** The CTO relative-time objects are written against. */
    public static final long CTO = 1_700_000_000_000L;

    private RandomObjects() {}

    public static ObjectValue value(ObjectType type, Random random) {
        return switch (type.kind()) {
            case PACKED_IIN -> new ObjectValue.Bit(random.nextBoolean());
            case PACKED_BIT -> packed(random.nextInt(2), 7);
            case PACKED_DOUBLE_BIT -> packed(random.nextInt(4), 6);
            case POINT -> point(type, random);
            case CROB ->
                new ObjectValue.Control(
                        new Crob(
                                Crob.Operation.values()[random.nextInt(5)],
                                Crob.TripClose.values()[random.nextInt(3)],
                                random.nextBoolean(),
                                random.nextInt(256),
                                random.nextInt() & 0xFFFFFFFFL,
                                random.nextInt() & 0xFFFFFFFFL),
                        status(random));
            case ANALOG_COMMAND ->
                new ObjectValue.AnalogCommand(number(type.fields().get(0), random), status(random));
            case TIME -> new ObjectValue.Time(random.nextLong() & 0xFFFFFFFFFFFFL);
            case DELAY -> new ObjectValue.Delay(random.nextInt(65536));
            case CLASS -> throw new IllegalArgumentException(type + " has no instances");
        };
    }

    private static ObjectValue packed(int state, int shift) {
        return new ObjectValue.Point(state, 0x01 | state << shift, ObjectValue.Point.NO_TIME);
    }

    private static ObjectValue point(ObjectType type, Random random) {
        int flags = type.hasFlags() ? random.nextInt(256) : 0x01;
        double value = 0;
        if (type.stateShift() == 7) {
            value = flags >>> 7;
        } else if (type.stateShift() == 6) {
            value = flags >>> 6;
        } else {
            Field field = type.fields().stream()
                    .filter(f -> f != Field.FLAGS && f != Field.TIME && f != Field.REL_TIME)
                    .findFirst()
                    .orElseThrow();
            value = number(field, random);
        }
        long time = ObjectValue.Point.NO_TIME;
        if (type.relativeTime()) {
            time = CTO + random.nextInt(65536);
        } else if (type.hasTime()) {
            time = random.nextLong() & 0xFFFFFFFFFFFFL;
        }
        return new ObjectValue.Point(value, flags, time);
    }

    private static double number(Field field, Random random) {
        return switch (field) {
            case U16 -> random.nextInt(65536);
            case I16 -> (short) random.nextInt();
            case U32 -> random.nextInt() & 0xFFFFFFFFL;
            case I32 -> random.nextInt();
            case F32 -> Float.intBitsToFloat(random.nextInt() & 0x7F7FFFFF);
            case F64 -> random.nextDouble() * 1e6 - 5e5;
            default -> throw new IllegalArgumentException(field + " is not a number");
        };
    }

    private static CommandStatus status(Random random) {
        return CommandStatus.values()[random.nextInt(CommandStatus.values().length)];
    }
}
