package org.urbis.parking.codec.internal;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;

/**
 * Every built-in codec on random and mutated frames: each one decodes or is refused with a port
 * and a byte inside the frame, and nothing else escapes. The count per codec comes from
 * -Dparking.codec.fuzz.frames (the fuzz-full profile runs 300,000 per codec, 1.8 million in all).
 */
class CodecFuzzTest {

    private static final int FRAMES = Integer.getInteger("parking.codec.fuzz.frames", 20_000);

    static List<PayloadCodec> codecs() {
        return List.of(
                new NwaveNps310Codec(),
                new NwaveNps405Codec(),
                new NwaveNps405LegacyCodec(),
                new BoschTps110Codec(),
                new DingtekDo200Codec(),
                new DingtekDo201Codec());
    }

    /** Valid frames of each family, mutated byte by byte so that the fuzzer reaches past the first checks. */
    private static final byte[][] SEEDS = {
        {(byte) 0x95},
        {0x00, (byte) 0xD3, (byte) 0xD8, 0x00, 0x59, 0x0B},
        {0x02, 0x04, 0x09, 0x02, 0x00},
        {0x24, 3, 0, 0, 0x75, 3, 0, 0, 0, 0, 0, 0, 0, 29, 2, 3, 1},
        {
            (byte) 0x80,
            0x00,
            0x02,
            0x01,
            0x15,
            0x00,
            0x00,
            0x00,
            0x00,
            0x01,
            0x6F,
            0x00,
            0x79,
            (byte) 0xFF,
            (byte) 0xB0,
            (byte) 0xFF,
            (byte) 0xF5,
            0x00,
            0x00,
            0x00,
            (byte) 0x81
        },
        {
            (byte) 0x80,
            0x00,
            0x31,
            0x02,
            0x17,
            0x06,
            (byte) 0xB4,
            0x00,
            0x00,
            0x01,
            0x61,
            0x00,
            0x10,
            (byte) 0xFF,
            (byte) 0xF6,
            (byte) 0xFF,
            (byte) 0xF0,
            (byte) 0x8B,
            0x2D,
            0x00,
            0x01,
            0x00,
            (byte) 0x81
        }
    };

    @ParameterizedTest
    @MethodSource("codecs")
    void decodesOrRefusesEveryFrame(PayloadCodec codec) {
        SplittableRandom random = new SplittableRandom(codec.model().hashCode());
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            int decoded = 0;
            for (int n = 0; n < FRAMES; n++) {
                byte[] frame = frame(random);
                int fPort = random.nextInt(8) == 0 ? random.nextInt(256) : 1 + random.nextInt(10);
                try {
                    SensorFrame f = codec.decode(fPort, frame);
                    assertTrue(f.kind() != null);
                    decoded++;
                } catch (FrameRefused e) {
                    if (e.byteIndex() < -1
                            || e.byteIndex() > frame.length
                            || e.fPort() != fPort
                            || e.getMessage().isBlank()) {
                        fail(codec.model() + " refused port " + fPort + " frame "
                                + org.urbis.parking.codec.Frames.hex(frame)
                                + " with a reason that names no byte of it: " + e.describe());
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError(
                            codec.model() + " crashed on port " + fPort + " frame "
                                    + org.urbis.parking.codec.Frames.hex(frame),
                            e);
                }
            }
            assertTrue(
                    decoded > 0,
                    codec.model() + " decoded none of " + FRAMES + " frames: the fuzzer never got past its checks");
        });
    }

    private static byte[] frame(SplittableRandom random) {
        if (random.nextBoolean()) {
            byte[] f = new byte[random.nextInt(32)];
            for (int i = 0; i < f.length; i++) {
                f[i] = (byte) random.nextInt(256);
            }
            return f;
        }
        byte[] seed = SEEDS[random.nextInt(SEEDS.length)];
        byte[] f = java.util.Arrays.copyOf(
                seed, Math.max(0, seed.length + (random.nextInt(10) == 0 ? random.nextInt(5) - 2 : 0)));
        for (int k = random.nextInt(3); k > 0 && f.length > 0; k--) {
            f[random.nextInt(f.length)] = (byte) random.nextInt(256);
        }
        return f;
    }
}
