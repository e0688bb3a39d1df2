package org.urbis.dnp3.internal.app;

import java.nio.ByteBuffer;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;

/** Reads and writes one fixed-size object instance; packed objects are handled by the parser and writer. */
final class ObjectCodec {

    private static final int ONLINE = 0x01;

    private ObjectCodec() {}

    /**
     * Decodes an instance; a relative time is returned as it is, the parser adds the CTO.
     *
     * @return the value, or null when the bytes hold something the standard reserves (a CROB's reserved codes)
     */
    static ObjectValue decode(ObjectType type, ByteBuffer in) {
        return switch (type.kind()) {
            case POINT -> point(type, in);
            case CROB -> crob(in);
            case ANALOG_COMMAND ->
                new ObjectValue.AnalogCommand(type.fields().get(0).read(in), CommandStatus.of(in.get() & 0xFF));
            case TIME -> new ObjectValue.Time(Field.readTime(in));
            case DELAY -> new ObjectValue.Delay(in.getShort() & 0xFFFF);
            default -> throw new IllegalStateException(type + " has no fixed layout");
        };
    }

    private static ObjectValue point(ObjectType type, ByteBuffer in) {
        int flags = ONLINE;
        double value = 0;
        long time = ObjectValue.Point.NO_TIME;
        for (Field field : type.fields()) {
            switch (field) {
                case FLAGS -> flags = in.get() & 0xFF;
                case TIME -> time = Field.readTime(in);
                case REL_TIME -> time = in.getShort() & 0xFFFF;
                default -> value = field.read(in);
            }
        }
        if (type.stateShift() >= 0) {
            value = flags >>> type.stateShift() & (type.stateShift() == 7 ? 1 : 3);
        }
        return new ObjectValue.Point(value, flags, time);
    }

    private static ObjectValue crob(ByteBuffer in) {
        int code = in.get() & 0xFF;
        int count = in.get() & 0xFF;
        long on = in.getInt() & 0xFFFFFFFFL;
        long off = in.getInt() & 0xFFFFFFFFL;
        CommandStatus status = CommandStatus.of(in.get() & 0x7F);
        Crob crob = Crob.of(code, count, on, off);
        return crob == null ? null : new ObjectValue.Control(crob, status);
    }

    static void encode(ObjectType type, ObjectValue value, ByteBuffer out, long cto) {
        if (value instanceof ObjectValue.Point p) {
            encodePoint(type, p, out, cto);
        } else if (value instanceof ObjectValue.Control c) {
            Crob crob = c.crob();
            out.put((byte) crob.controlCode())
                    .put((byte) crob.count())
                    .putInt((int) crob.onTimeMs())
                    .putInt((int) crob.offTimeMs())
                    .put((byte) c.status().code());
        } else if (value instanceof ObjectValue.AnalogCommand a) {
            type.fields().get(0).write(out, a.value());
            out.put((byte) a.status().code());
        } else if (value instanceof ObjectValue.Time t) {
            Field.writeTime(out, t.time());
        } else if (value instanceof ObjectValue.Delay d) {
            out.putShort((short) d.delay());
        } else {
            throw new IllegalArgumentException(type + " cannot hold " + value);
        }
    }

    private static void encodePoint(ObjectType type, ObjectValue.Point p, ByteBuffer out, long cto) {
        int flags = p.flags();
        if (type.stateShift() >= 0) {
            int mask = type.stateShift() == 7 ? 0x80 : 0xC0;
            flags = flags & ~mask | ((int) p.value() << type.stateShift()) & mask;
        }
        for (Field field : type.fields()) {
            switch (field) {
                case FLAGS -> field.write(out, flags);
                case TIME -> field.write(out, p.time());
                case REL_TIME -> field.write(out, p.time() - cto);
                default -> field.write(out, p.value());
            }
        }
    }
}
