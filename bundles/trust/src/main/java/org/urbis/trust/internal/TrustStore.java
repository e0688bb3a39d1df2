package org.urbis.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The certificates of the signers a site trusts: every X.509 certificate in the PEM or DER files
 * ({@code *.pem}, {@code *.crt}, {@code *.cer}) of one folder. A bundle is trusted when one of its
 * verified signer chains holds one of them, the signer's own certificate or a CA's above it.
 */
final class TrustStore {

    private final Path folder;
    private final List<X509Certificate> certificates;

    private TrustStore(Path folder, List<X509Certificate> certificates) {
        this.folder = folder;
        this.certificates = List.copyOf(certificates);
    }

    /** Reads the folder; a missing folder is an empty store, a file that is not a certificate an error naming it. */
    static TrustStore load(Path folder) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{pem,crt,cer}")) {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate c : x509.generateCertificates(in)) {
                        certs.add((X509Certificate) c);
                    }
                } catch (CertificateException e) {
                    throw new IOException(
                            "trust store file " + file + " is not an X.509 certificate: " + e.getMessage(), e);
                }
            }
        } catch (NoSuchFileException e) {
            // no folder: nobody is trusted beyond the system repository
        } catch (CertificateException e) {
            throw new IllegalStateException("the JVM has no X.509 certificate factory", e);
        }
        return new TrustStore(folder, certs);
    }

    Path folder() {
        return folder;
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    /** The trusted certificate found in one of the signer chains, if any. */
    Optional<X509Certificate> trusted(Map<X509Certificate, List<X509Certificate>> signers) {
        for (List<X509Certificate> chain : signers.values()) {
            for (X509Certificate c : chain) {
                if (certificates.contains(c)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** A signer's name as people say it: the common name of its certificate, else its whole subject. */
    static String name(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through to the whole subject
        }
        return dn;
    }
}
