package org.urbis.dnp3.internal.app;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an application fragment. Anything it does not know (function, object, qualifier) or that does not add
 * up (a range backwards, a fragment ending inside its objects) fails the whole fragment with a message naming
 * what: a wrong value is worse than none.
 */
public final class FragmentParser {

    private FragmentParser() {}

    public static Fragment parse(byte[] bytes) throws ObjectParseException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 2) {
            throw new ObjectParseException("a fragment of " + bytes.length + " bytes has no header");
        }
        AppControl control = AppControl.decode(in.get() & 0xFF);
        int code = in.get() & 0xFF;
        FunctionCode function = FunctionCode.of(code);
        if (function == null) {
            throw new ObjectParseException("unknown function code " + code);
        }
        int iin = 0;
        if (function.response()) {
            if (in.remaining() < 2) {
                throw new ObjectParseException("a response of " + bytes.length + " bytes has no IIN");
            }
            iin = in.getShort() & 0xFFFF;
        }
        List<ObjectBlock> blocks = new ArrayList<>();
        long cto = -1;
        while (in.hasRemaining()) {
            ObjectBlock block = block(in, function.headersOnly());
            if (block.type() == ObjectType.G51V1 || block.type() == ObjectType.G51V2) {
                for (ObjectValue value : block.values()) {
                    cto = ((ObjectValue.Time) value).time();
                }
            }
            blocks.add(resolveRelativeTimes(block, cto));
        }
        return new Fragment(control, function, iin, blocks);
    }

    private static ObjectBlock block(ByteBuffer in, boolean headersOnly) throws ObjectParseException {
        if (in.remaining() < 3) {
            throw new ObjectParseException("an object header needs 3 bytes, " + in.remaining() + " left");
        }
        int group = in.get() & 0xFF;
        int variation = in.get() & 0xFF;
        int qualifier = in.get() & 0xFF;
        ObjectType type = ObjectType.of(group, variation);
        if (type == null && !headersOnly) {
            throw ObjectParseException.at(group, variation, qualifier, "unknown object");
        }
        try {
            return headersOnly ? header(in, type, group, variation, qualifier) : objects(in, type, qualifier);
        } catch (BufferUnderflowException e) {
            throw ObjectParseException.at(group, variation, qualifier, "the fragment ends inside the objects");
        }
    }

    private static ObjectBlock header(ByteBuffer in, ObjectType type, int group, int variation, int qualifier)
            throws ObjectParseException {
        List<Integer> indices = new ArrayList<>();
        ObjectHeader header = switch (qualifier) {
            case ObjectHeader.ALL -> new ObjectHeader(group, variation, qualifier, 0, 0);
            case ObjectHeader.START_STOP_8, ObjectHeader.START_STOP_16 -> range(in, group, variation, qualifier);
            case ObjectHeader.COUNT_8, ObjectHeader.COUNT_16 ->
                new ObjectHeader(group, variation, qualifier, 0, count(in, qualifier));
            case ObjectHeader.INDEXED_8, ObjectHeader.INDEXED_16 -> {
                int count = count(in, qualifier);
                for (int i = 0; i < count; i++) {
                    indices.add(index(in, qualifier));
                }
                yield new ObjectHeader(group, variation, qualifier, 0, count);
            }
            default -> throw ObjectParseException.at(group, variation, qualifier, "unknown qualifier");
        };
        return new ObjectBlock(header, type, indices, List.of());
    }

    private static ObjectBlock objects(ByteBuffer in, ObjectType type, int qualifier) throws ObjectParseException {
        int group = type.group();
        int variation = type.variation();
        ObjectHeader header = switch (qualifier) {
            case ObjectHeader.START_STOP_8, ObjectHeader.START_STOP_16 -> range(in, group, variation, qualifier);
            case ObjectHeader.COUNT_8, ObjectHeader.COUNT_16, ObjectHeader.INDEXED_8, ObjectHeader.INDEXED_16 ->
                new ObjectHeader(group, variation, qualifier, 0, count(in, qualifier));
            case ObjectHeader.ALL ->
                throw ObjectParseException.at(group, variation, qualifier, "qualifier 0x06 carries no objects");
            default -> throw ObjectParseException.at(group, variation, qualifier, "unknown qualifier");
        };
        if (type.kind() == ObjectType.Kind.CLASS) {
            throw ObjectParseException.at(group, variation, qualifier, "class objects carry no data");
        }
        if (type.kind().packed()) {
            if (!header.range()) {
                throw ObjectParseException.at(group, variation, qualifier, "packed objects need a start-stop range");
            }
            return packed(in, type, header);
        }
        List<Integer> indices = new ArrayList<>();
        List<ObjectValue> values = new ArrayList<>();
        for (int i = 0; i < header.count(); i++) {
            indices.add(header.indexed() ? index(in, qualifier) : header.start() + i);
            ObjectValue value = ObjectCodec.decode(type, in);
            if (value == null) {
                throw ObjectParseException.at(group, variation, qualifier, "object " + i + " uses reserved codes");
            }
            values.add(value);
        }
        return new ObjectBlock(header, type, indices, values);
    }

    private static ObjectBlock packed(ByteBuffer in, ObjectType type, ObjectHeader header) {
        int width = type.kind() == ObjectType.Kind.PACKED_DOUBLE_BIT ? 2 : 1;
        byte[] bits = new byte[(header.count() * width + 7) / 8];
        in.get(bits);
        List<Integer> indices = new ArrayList<>();
        List<ObjectValue> values = new ArrayList<>();
        for (int i = 0; i < header.count(); i++) {
            int bit = i * width;
            int state = bits[bit / 8] >>> bit % 8 & (width == 2 ? 3 : 1);
            indices.add(header.start() + i);
            values.add(
                    type.kind() == ObjectType.Kind.PACKED_IIN
                            ? new ObjectValue.Bit(state != 0)
                            : new ObjectValue.Point(
                                    state, 0x01 | state << (width == 2 ? 6 : 7), ObjectValue.Point.NO_TIME));
        }
        return new ObjectBlock(header, type, indices, values);
    }

    /** Relative times are decoded against CTO 0; add the CTO that preceded them in the fragment. */
    private static ObjectBlock resolveRelativeTimes(ObjectBlock block, long cto) throws ObjectParseException {
        if (block.type() == null
                || !block.type().relativeTime()
                || block.values().isEmpty()) {
            return block;
        }
        if (cto < 0) {
            throw ObjectParseException.at(
                    block.header().group(),
                    block.header().variation(),
                    block.header().qualifier(),
                    "relative time without a preceding g51 CTO");
        }
        List<ObjectValue> values = new ArrayList<>();
        for (ObjectValue value : block.values()) {
            ObjectValue.Point p = (ObjectValue.Point) value;
            values.add(new ObjectValue.Point(p.value(), p.flags(), (cto + p.time()) & 0xFFFFFFFFFFFFL));
        }
        return new ObjectBlock(block.header(), block.type(), block.indices(), values);
    }

    private static ObjectHeader range(ByteBuffer in, int group, int variation, int qualifier)
            throws ObjectParseException {
        int start = index(in, qualifier);
        int stop = index(in, qualifier);
        if (stop < start) {
            throw ObjectParseException.at(group, variation, qualifier, "range stop " + stop + " before start " + start);
        }
        return new ObjectHeader(group, variation, qualifier, start, stop - start + 1);
    }

    private static int count(ByteBuffer in, int qualifier) {
        return index(in, qualifier);
    }

    /** An index, count or range bound: one byte for qualifiers 0x00, 0x07, 0x17, two for 0x01, 0x08, 0x28. */
    private static int index(ByteBuffer in, int qualifier) {
        return switch (qualifier) {
            case ObjectHeader.START_STOP_8, ObjectHeader.COUNT_8, ObjectHeader.INDEXED_8 -> in.get() & 0xFF;
            default -> in.getShort() & 0xFFFF;
        };
    }
}
