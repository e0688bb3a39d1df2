package org.urbis.dnp3.internal.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.urbis.dnp3.internal.link.LinkFrame;
import org.urbis.dnp3.internal.link.LinkFunction;
import org.urbis.dnp3.internal.link.LinkParser;
import org.urbis.dnp3.internal.transport.Reassembler;
import org.urbis.dnp3.internal.transport.Segmenter;

/**
 * Seeded fuzzing of the link parser, reassembly and fragment parser: valid fragments, the same mutated and
 * re-framed with good CRCs, random fragments, and raw noise. Nothing may throw but a parse error, and whatever
 * the parser accepts must be what the bytes encode: writing it again gives the same fragment (byte for byte where
 * the encoding is canonical). The count comes from -Ddnp3.fuzz.frames (the fuzz-full profile runs a million).
 */
class ParserFuzzTest {

    private static final int FRAMES = Integer.getInteger("dnp3.fuzz.frames", 20_000);
    private static final long SEED = 0x1815_2012L;
    private static final List<ObjectType> DATA_TYPES = Arrays.stream(ObjectType.values())
            .filter(t -> t.kind() != ObjectType.Kind.CLASS)
            .toList();
    private static final FunctionCode[] REQUESTS = {
        FunctionCode.WRITE,
        FunctionCode.SELECT,
        FunctionCode.OPERATE,
        FunctionCode.DIRECT_OPERATE,
        FunctionCode.DIRECT_OPERATE_NR
    };

    private int accepted;
    private int rejected;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void parsersSurviveAndNeverInventValues() throws Exception {
        Random random = new Random(SEED);
        LinkParser noise = new LinkParser();
        for (int i = 0; i < FRAMES; i++) {
            switch (i % 4) {
                case 0 -> valid(random);
                case 1 -> check(mutate(generate(random).toBytes(), random));
                case 2 -> check(randomBytes(random, 1 + random.nextInt(300)));
                default -> {
                    byte[] bytes = randomBytes(random, random.nextInt(600));
                    for (int k = 0; k < 3 && bytes.length > 2; k++) {
                        int at = random.nextInt(bytes.length - 1);
                        bytes[at] = 0x05;
                        bytes[at + 1] = 0x64;
                    }
                    noise.feed(bytes, 0, bytes.length);
                }
            }
        }
        System.out.printf(
                "DNP3 fuzz: %d frames, %d fragments accepted, %d rejected with a parse error%n",
                FRAMES, accepted, rejected);
        assertTrue(accepted > FRAMES / 8 && rejected > FRAMES / 8, accepted + " accepted, " + rejected + " rejected");
    }

    /** An unmutated fragment parses to exactly what was written. */
    private void valid(Random random) throws ObjectParseException {
        Generated generated = generate(random);
        Fragment parsed = FragmentParser.parse(throughLink(generated.toBytes()));
        List<Written> read = parsed.blocks().stream()
                .map(b -> new Written(b.type(), b.indices(), b.values()))
                .toList();
        assertEquals(generated.written(), generated.function().headersOnly() ? List.of() : read);
        accepted++;
    }

    private void check(byte[] fragment) {
        byte[] received = throughLink(fragment);
        assertArrayEquals(fragment, received, "link and transport deliver the fragment unchanged");
        Fragment parsed;
        try {
            parsed = FragmentParser.parse(received);
        } catch (ObjectParseException e) {
            rejected++;
            return;
        }
        accepted++;
        byte[] again = write(parsed);
        assertEquals(fragment.length, again.length, "the parse covers every byte");
        Fragment reparsed;
        try {
            reparsed = FragmentParser.parse(again);
        } catch (ObjectParseException e) {
            throw new AssertionError("a written fragment does not parse: " + e.getMessage(), e);
        }
        assertEquals(parsed, reparsed);
        if (canonical(parsed)) {
            assertArrayEquals(fragment, again);
        }
    }

    /** Encodings with don't-care bits: packed padding, NaN payloads, reserved status codes. */
    private static boolean canonical(Fragment fragment) {
        return fragment.blocks().stream()
                .map(ObjectBlock::type)
                .allMatch(t -> t == null
                        || !t.kind().packed()
                                && t.kind() != ObjectType.Kind.CROB
                                && t.kind() != ObjectType.Kind.ANALOG_COMMAND
                                && !t.fields().contains(Field.F32)
                                && !t.fields().contains(Field.F64));
    }

    private static byte[] write(Fragment f) {
        FragmentWriter writer = f.function().response()
                ? FragmentWriter.response(f.control(), f.function(), f.iin())
                : FragmentWriter.request(f.control(), f.function());
        f.blocks().forEach(writer::block);
        return writer.toBytes();
    }

    /** Frames the fragment with good CRCs and parses it back through link and transport. */
    private static byte[] throughLink(byte[] fragment) {
        LinkParser parser = new LinkParser();
        Reassembler reassembler = new Reassembler(65536);
        byte[] result = null;
        for (byte[] segment : new Segmenter().segments(fragment)) {
            byte[] frame = LinkFrame.primary(true, LinkFunction.UNCONFIRMED_USER_DATA, 1024, 1, segment)
                    .encode();
            for (LinkFrame f : parser.feed(frame, 0, frame.length)) {
                result = reassembler.accept(f.data());
            }
        }
        return result;
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] mutated = bytes.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && mutated.length > 0; m++) {
            int at = random.nextInt(mutated.length);
            switch (random.nextInt(5)) {
                case 0 -> mutated[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> mutated[at] = (byte) random.nextInt(256);
                case 2 -> mutated = Arrays.copyOf(mutated, Math.max(1, at));
                case 3 -> {
                    byte[] longer = new byte[mutated.length + 1];
                    System.arraycopy(mutated, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(mutated, at, longer, at + 1, mutated.length - at);
                    mutated = longer;
                }
                default -> mutated[at] = (byte) (random.nextBoolean() ? 0 : 0xFF);
            }
        }
        return mutated;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The objects of one header as the generator wrote them. */
    private record Written(ObjectType type, List<Integer> indices, List<ObjectValue> values) {}

    /** A valid fragment and the objects it holds. */
    private record Generated(FunctionCode function, FragmentWriter writer, List<Written> written) {
        byte[] toBytes() {
            return writer.toBytes();
        }
    }

    private static List<Integer> consecutive(int start, int count) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indices.add(start + i);
        }
        return indices;
    }

    private static Generated generate(Random random) {
        int kind = random.nextInt(6);
        AppControl control = AppControl.decode(random.nextInt(256));
        if (kind == 0) {
            FragmentWriter read = FragmentWriter.request(control, FunctionCode.READ);
            for (int h = 0; h < 1 + random.nextInt(4); h++) {
                if (random.nextBoolean()) {
                    read.all(60, 1 + random.nextInt(4));
                } else {
                    int start = random.nextInt(400);
                    read.rangeHeader(30, random.nextInt(7), start, start + random.nextInt(10));
                }
            }
            return new Generated(FunctionCode.READ, read, List.of());
        }
        FunctionCode function = kind < 4
                ? (random.nextBoolean() ? FunctionCode.RESPONSE : FunctionCode.UNSOLICITED_RESPONSE)
                : REQUESTS[random.nextInt(REQUESTS.length)];
        FragmentWriter writer = function.response()
                ? FragmentWriter.response(control, function, random.nextInt(65536))
                : FragmentWriter.request(control, function);
        List<Written> written = new ArrayList<>();
        for (int b = 0; b < 1 + random.nextInt(3); b++) {
            ObjectType type = DATA_TYPES.get(random.nextInt(DATA_TYPES.size()));
            if (type.relativeTime()) {
                ObjectValue cto = new ObjectValue.Time(RandomObjects.CTO);
                writer.counted(ObjectType.G51V1, List.of(cto));
                written.add(new Written(ObjectType.G51V1, List.of(0), List.of(cto)));
            }
            List<ObjectValue> values = new ArrayList<>();
            for (int v = 0; v < 1 + random.nextInt(6); v++) {
                values.add(RandomObjects.value(type, random));
            }
            int start = random.nextBoolean() ? random.nextInt(250) : random.nextInt(60000);
            List<Integer> indices;
            if (type.kind().packed() || random.nextBoolean()) {
                indices = consecutive(start, values.size());
                writer.range(type, start, values);
            } else if (random.nextBoolean()) {
                indices = new ArrayList<>();
                for (int v = 0; v < values.size(); v++) {
                    indices.add(random.nextInt(random.nextBoolean() ? 256 : 65536));
                }
                writer.indexed(type, indices, values);
            } else {
                indices = consecutive(0, values.size());
                writer.counted(type, values);
            }
            written.add(new Written(type, indices, values));
        }
        return new Generated(function, writer, written);
    }
}
