package org.urbis.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded, bounded corruption of inputs for fuzz tests: what a radio link, a half-written file or a
 * careless editor does to a valid message. Same seed, same inputs: a failure can be replayed.
 */
public final class Mutations {

    private Mutations() {}

    /** The seed with one to eight edits: a byte replaced, a bit flipped, the tail cut off, or random bytes added. */
    public static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            switch (rnd.nextInt(4)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                default -> {
                    byte[] longer = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) rnd.nextInt(256);
                    }
                    b = longer;
                }
            }
        }
        return b;
    }

    /** Up to {@code maxLength} random bytes. */
    public static byte[] random(Random rnd, int maxLength) {
        byte[] b = new byte[rnd.nextInt(maxLength)];
        rnd.nextBytes(b);
        return b;
    }
}
