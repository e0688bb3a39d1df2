package org.urbis.control.internal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Sha256 {

    private Sha256() {}

    /**
     * One digest for every thread, taken in turn (looking the algorithm up costs more than hashing a record). Not one
     * per thread: a new digest takes a path in the JDK's SHA-2 reset (a null check) that compiled code hashing with
     * a digest already in use had never seen, and the JIT throws away compiled code that meets it. With a digest per
     * thread, the city's audit writer (a new thread, a new digest) undid the writer the start-up rehearsal had
     * compiled, at the city's first command.
     */
    private static final MessageDigest DIGEST;

    static {
        try {
            DIGEST = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    static String hex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] digest;
        synchronized (DIGEST) {
            digest = DIGEST.digest(bytes);
        }
        return HEX.formatHex(digest);
    }
}
