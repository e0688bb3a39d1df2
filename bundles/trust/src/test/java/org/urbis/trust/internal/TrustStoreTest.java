package org.urbis.trust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    /** The build's demo signing certificate, committed beside its key. */
    private static final Path DEMO_CERT = Path.of("../../device-drivers/demo-signing-key/urbis-demo-driver-signer.pem");

    @TempDir
    Path folder;

    @Test
    void aSignerChainHoldingATrustedCertificateIsTrusted() throws Exception {
        Files.copy(DEMO_CERT, folder.resolve("demo.pem"));
        TrustStore store = TrustStore.load(folder);
        X509Certificate demo = certificate(DEMO_CERT);

        assertEquals(1, store.certificates().size());
        assertEquals(demo, store.trusted(Map.of(demo, List.of(demo))).orElseThrow());
        assertEquals("Urbis demo driver signer", TrustStore.name(demo));
        assertTrue(store.trusted(Map.of()).isEmpty(), "unsigned");
    }

    @Test
    void anEmptyOrMissingFolderTrustsNobody() throws Exception {
        X509Certificate demo = certificate(DEMO_CERT);
        assertTrue(TrustStore.load(folder).trusted(Map.of(demo, List.of(demo))).isEmpty());
        assertTrue(TrustStore.load(folder.resolve("absent")).certificates().isEmpty());
    }

    @Test
    void aFileThatIsNotACertificateIsNamed() throws Exception {
        Files.writeString(
                folder.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        IOException e = assertThrows(IOException.class, () -> TrustStore.load(folder));
        assertTrue(e.getMessage().contains("broken.pem"), e.getMessage());
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
