package org.urbis.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsCheckTest {

    @TempDir
    Path dir;

    private static Hashtable<String, Object> https(String keystore, String password) {
        Hashtable<String, Object> s = new Hashtable<>();
        s.put("org.osgi.service.http.secure.enabled", "true");
        if (keystore != null) {
            s.put("org.ops4j.pax.web.ssl.keystore", keystore);
        }
        if (password != null) {
            s.put("org.ops4j.pax.web.ssl.keystore.password", password);
        }
        return s;
    }

    @Test
    void plainHttpNeedsNoKeystore() {
        Hashtable<String, Object> s = new Hashtable<>();
        s.put("org.osgi.service.http.secure.enabled", "false");
        assertEquals(Optional.empty(), HttpsCheck.problem(s));
        assertEquals(Optional.empty(), HttpsCheck.problem(null));
    }

    @Test
    void httpsWithoutAReadableKeystoreAndPasswordIsAProblem() throws Exception {
        assertTrue(HttpsCheck.problem(https(null, "x")).orElseThrow().contains("keystore is not set"));
        assertTrue(HttpsCheck.problem(https(dir.resolve("none.p12").toString(), "x"))
                .orElseThrow()
                .contains("missing"));
        Path keystore = Files.writeString(dir.resolve("https.p12"), "not checked here");
        assertTrue(HttpsCheck.problem(https(keystore.toString(), null))
                .orElseThrow()
                .contains("password"));
        assertEquals(Optional.empty(), HttpsCheck.problem(https(keystore.toString(), "secret")));
    }
}
