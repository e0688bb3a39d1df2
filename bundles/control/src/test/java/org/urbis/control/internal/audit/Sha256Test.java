package org.urbis.control.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The records' hash: SHA-256 as the standard gives it, from any number of threads at once (one digest, shared). */
class Sha256Test {

    @Test
    void hashesAsTheStandardDoes() {
        // FIPS 180-2, appendix B.1 and B.2
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
        assertEquals(
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    @Test
    void threadsHashingAtOnceEachGetTheirOwnText() throws Exception {
        String a = "abc";
        String b = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        String hashA = Sha256.hex(a);
        String hashB = Sha256.hex(b);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String text = t % 2 == 0 ? a : b;
                String expected = t % 2 == 0 ? hashA : hashB;
                Callable<Integer> hashing = () -> {
                    int mismatches = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (!Sha256.hex(text).equals(expected)) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                };
                wrong.add(threads.submit(hashing));
            }
            for (Future<Integer> f : wrong) {
                assertEquals(0, f.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
