package org.urbis.dnp3.internal.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds an application fragment header by header; picks the smallest qualifier that fits. */
public final class FragmentWriter {

    private ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    private long cto = -1;

    private FragmentWriter(AppControl control, FunctionCode function) {
        out.put((byte) control.encode()).put((byte) function.code());
    }

    public static FragmentWriter request(AppControl control, FunctionCode function) {
        return new FragmentWriter(control, function);
    }

    public static FragmentWriter response(AppControl control, FunctionCode function, int iin) {
        FragmentWriter writer = new FragmentWriter(control, function);
        writer.out.putShort((short) iin);
        return writer;
    }

    /** A header that covers all objects of a kind (qualifier 0x06), as in class and "read all" requests. */
    public FragmentWriter all(int group, int variation) {
        ensure(3);
        out.put((byte) group).put((byte) variation).put((byte) ObjectHeader.ALL);
        return this;
    }

    /** A request header for a range of indices without object data. */
    public FragmentWriter rangeHeader(int group, int variation, int start, int stop) {
        boolean small = stop <= 0xFF;
        ensure(7);
        out.put((byte) group).put((byte) variation).put((byte)
                (small ? ObjectHeader.START_STOP_8 : ObjectHeader.START_STOP_16));
        writeIndex(start, small);
        writeIndex(stop, small);
        return this;
    }

    /** Objects for consecutive indices from start (qualifier 0x00 or 0x01). */
    public FragmentWriter range(ObjectType type, int start, List<? extends ObjectValue> values) {
        int stop = start + values.size() - 1;
        int qualifier = stop <= 0xFF ? ObjectHeader.START_STOP_8 : ObjectHeader.START_STOP_16;
        return block(new ObjectBlock(
                new ObjectHeader(type.group(), type.variation(), qualifier, start, values.size()),
                type,
                indices(start, values.size()),
                List.copyOf(values)));
    }

    /** Objects each prefixed by its index (qualifier 0x17 or 0x28). */
    public FragmentWriter indexed(ObjectType type, List<Integer> indices, List<? extends ObjectValue> values) {
        boolean small = indices.stream().allMatch(i -> i <= 0xFF) && indices.size() <= 0xFF;
        int qualifier = small ? ObjectHeader.INDEXED_8 : ObjectHeader.INDEXED_16;
        return block(new ObjectBlock(
                new ObjectHeader(type.group(), type.variation(), qualifier, 0, indices.size()),
                type,
                indices,
                List.copyOf(values)));
    }

    /** Objects without indices (qualifier 0x07), such as times and delays. */
    public FragmentWriter counted(ObjectType type, List<? extends ObjectValue> values) {
        return block(new ObjectBlock(
                new ObjectHeader(type.group(), type.variation(), ObjectHeader.COUNT_8, 0, values.size()),
                type,
                indices(0, values.size()),
                List.copyOf(values)));
    }

    /** Writes a block with the header it has, as parsed or built; without values, as in a READ request. */
    public FragmentWriter block(ObjectBlock block) {
        ObjectHeader header = block.header();
        ObjectType type = block.type();
        boolean small = header.qualifier() == ObjectHeader.START_STOP_8
                || header.qualifier() == ObjectHeader.COUNT_8
                || header.qualifier() == ObjectHeader.INDEXED_8;
        ensure(7 + header.count() * ((type == null ? 0 : type.size()) + 2));
        out.put((byte) header.group()).put((byte) header.variation()).put((byte) header.qualifier());
        if (header.range()) {
            writeIndex(header.start(), small);
            writeIndex(header.start() + header.count() - 1, small);
        } else if (header.qualifier() != ObjectHeader.ALL) {
            writeIndex(header.count(), small);
        }
        if (block.values().isEmpty()) {
            if (header.indexed()) {
                block.indices().forEach(i -> writeIndex(i, small));
            }
            return this;
        }
        if (type.kind().packed()) {
            writePacked(type, block.values());
            return this;
        }
        for (int i = 0; i < block.values().size(); i++) {
            if (header.indexed()) {
                writeIndex(block.indices().get(i), small);
            }
            ObjectCodec.encode(type, block.values().get(i), out, cto);
            if (block.values().get(i) instanceof ObjectValue.Time t && type.group() == 51) {
                cto = t.time();
            }
        }
        return this;
    }

    private void writePacked(ObjectType type, List<ObjectValue> values) {
        int width = type.kind() == ObjectType.Kind.PACKED_DOUBLE_BIT ? 2 : 1;
        byte[] bits = new byte[(values.size() * width + 7) / 8];
        for (int i = 0; i < values.size(); i++) {
            int state = values.get(i) instanceof ObjectValue.Bit b
                    ? (b.set() ? 1 : 0)
                    : (int) ((ObjectValue.Point) values.get(i)).value();
            bits[i * width / 8] |= (byte) (state << i * width % 8);
        }
        out.put(bits);
    }

    public int size() {
        return out.position();
    }

    public byte[] toBytes() {
        return Arrays.copyOf(out.array(), out.position());
    }

    private void writeIndex(int value, boolean small) {
        if (small) {
            out.put((byte) value);
        } else {
            out.putShort((short) value);
        }
    }

    private void ensure(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more))
                    .order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(out.array(), 0, out.position());
            out = bigger;
        }
    }

    private static List<Integer> indices(int start, int count) {
        List<Integer> indices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indices.add(start + i);
        }
        return indices;
    }
}
