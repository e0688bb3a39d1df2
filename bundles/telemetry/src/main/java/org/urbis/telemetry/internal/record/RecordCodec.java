package org.urbis.telemetry.internal.record;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.urbis.api.device.DataType;
import org.urbis.telemetry.internal.record.TelemetryRecord.Kind;
import org.urbis.telemetry.internal.record.TelemetryRecord.PointInfo;

/** The byte form of a {@link TelemetryRecord} in the log: compact, versioned, independent of Java serialisation. */
public final class RecordCodec {

    private static final int VERSION = 1;
    private static final byte NULL = 0;
    private static final byte BOOL = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;

    private RecordCodec() {}

    public static byte[] encode(TelemetryRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(r.kind().ordinal());
            out.writeUTF(r.deviceId());
            out.writeLong(r.timeMillis());
            out.writeUTF(r.name());
            out.writeByte(r.type() == null ? -1 : r.type().ordinal());
            writeValue(out, r.value());
            out.writeUTF(r.a());
            out.writeUTF(r.b());
            out.writeUTF(clip(r.c()));
            out.writeShort(r.points().size());
            for (PointInfo p : r.points()) {
                out.writeUTF(p.name());
                out.writeByte(p.type().ordinal());
                out.writeUTF(p.unit());
                out.writeBoolean(p.writable());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static TelemetryRecord decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown record version " + version);
            }
            Kind kind = Kind.values()[in.readUnsignedByte()];
            String device = in.readUTF();
            long time = in.readLong();
            String name = in.readUTF();
            int t = in.readByte();
            DataType type = t < 0 ? null : DataType.values()[t];
            Object value = readValue(in);
            String a = in.readUTF();
            String b = in.readUTF();
            String c = in.readUTF();
            int n = in.readUnsignedShort();
            List<PointInfo> points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                points.add(new PointInfo(
                        in.readUTF(), DataType.values()[in.readUnsignedByte()], in.readUTF(), in.readBoolean()));
            }
            return new TelemetryRecord(kind, device, time, name, type, value, a, b, c, points);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated record", e);
        }
    }

    private static String clip(String s) {
        return s.length() > 4_000 ? s.substring(0, 4_000) : s;
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Boolean bool) {
            out.writeByte(BOOL);
            out.writeBoolean(bool);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.writeByte(LONG);
            out.writeLong(((Number) v).longValue());
        } else if (v instanceof Number num) {
            out.writeByte(DOUBLE);
            out.writeDouble(num.doubleValue());
        } else {
            out.writeByte(STRING);
            out.writeUTF(clip(v.toString()));
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case BOOL:
                return in.readBoolean();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return in.readUTF();
            default:
                throw new IllegalArgumentException("unknown value tag " + tag);
        }
    }
}
