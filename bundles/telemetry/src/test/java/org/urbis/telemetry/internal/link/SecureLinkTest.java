package org.urbis.telemetry.internal.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.telemetry.internal.Devices;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.telemetry.internal.thingsboard.ThingsBoardEncoding;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * TLS with the broker's certificate and host name verified, and user name and password, against a
 * real mosquitto; and recovery from a first connect that fails.
 */
class SecureLinkTest {

    @TempDir
    Path tmp;

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool.out").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + Files.readString(dir.resolve("tool.out")));
    }

    /** A CA, a server certificate for "localhost" only, and a Java trust store holding the CA. */
    private Path certificates() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed: test skipped");
        Path d = Files.createDirectories(tmp.resolve("pki"));
        run(
                d,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=Urbis test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt");
        run(
                d,
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        Files.writeString(d.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        run(
                d,
                "openssl",
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "san.ext",
                "-out",
                "server.crt");
        run(
                d,
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                "ca.crt",
                "-keystore",
                "trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret");
        return d;
    }

    private static LinkSettings settings(String url, String user, String password, Path trust) {
        return new LinkSettings(
                url,
                "urbis-secure",
                user,
                password,
                trust == null ? "" : trust.toString(),
                trust == null ? "" : "secret",
                Duration.ofSeconds(30),
                Duration.ofSeconds(15), // a TLS handshake takes seconds on a loaded machine
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                100,
                50,
                Duration.ofSeconds(5));
    }

    @Test
    void tlsWithPasswordConnectsAndAWrongHostNameOrPasswordIsRefused() throws Exception {
        Path pki = certificates();
        Path passwords = tmp.resolve("passwd");
        Files.writeString(passwords, "");
        run(tmp, "/usr/bin/mosquitto_passwd", "-b", passwords.toString(), "urbis", "s3cret");
        try (Mosquitto broker = Mosquitto.start(
                        tmp.resolve("broker"),
                        List.of(
                                "cafile " + pki.resolve("ca.crt"),
                                "certfile " + pki.resolve("server.crt"),
                                "keyfile " + pki.resolve("server.key"),
                                "allow_anonymous false",
                                "password_file " + passwords));
                DurableLog log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults())) {
            Path trust = pki.resolve("trust.p12");
            String good = "ssl://localhost:" + broker.port();
            try (Uplink ok = new Uplink(
                            settings(good, "urbis", "s3cret", trust),
                            new ThingsBoardEncoding(),
                            new MapCatalogue(Devices.streetlight("SL-1")),
                            log,
                            r -> null)
                    .start()) {
                Await.until(
                        "a TLS connection",
                        Duration.ofSeconds(60),
                        () -> ok.stats().state() == Uplink.State.CONNECTED,
                        () -> ok.stats().toString());
            }
            // The certificate names localhost, not 127.0.0.1: host name verification must refuse it.
            try (Uplink wrongHost = new Uplink(
                            settings("ssl://127.0.0.1:" + broker.port(), "urbis", "s3cret", trust),
                            new ThingsBoardEncoding(),
                            new MapCatalogue(),
                            log,
                            r -> null)
                    .start()) {
                Await.until(
                        "a refused host name",
                        Duration.ofSeconds(60),
                        () -> wrongHost.stats().connectFailures() >= 2);
                assertEquals(0, wrongHost.stats().connects());
            }
            // No trust store: the JVM's CAs do not know the test CA.
            try (Uplink untrusted = new Uplink(
                            settings(good, "urbis", "s3cret", null),
                            new ThingsBoardEncoding(),
                            new MapCatalogue(),
                            log,
                            r -> null)
                    .start()) {
                Await.until(
                        "an untrusted certificate refused",
                        Duration.ofSeconds(60),
                        () -> untrusted.stats().connectFailures() >= 2);
                assertEquals(0, untrusted.stats().connects());
            }
            try (Uplink badPassword = new Uplink(
                            settings(good, "urbis", "wrong", trust),
                            new ThingsBoardEncoding(),
                            new MapCatalogue(),
                            log,
                            r -> null)
                    .start()) {
                Await.until(
                        "a refused password",
                        Duration.ofSeconds(60),
                        () -> badPassword.stats().connectFailures() >= 2);
                assertEquals(0, badPassword.stats().connects());
                assertTrue(
                        badPassword.stats().lastError().toLowerCase().contains("not authori"),
                        badPassword.stats().lastError());
            }
        }
    }

    @Test
    void aFirstConnectThatFailsIsRetriedUntilTheBrokerIsThere() throws Exception {
        Mosquitto.assumeInstalled();
        int port = Mosquitto.freePort();
        try (DurableLog log = DurableLog.open(tmp.resolve("store"), LogSettings.defaults());
                Uplink uplink = new Uplink(
                                settings("tcp://127.0.0.1:" + port, "", "", null),
                                new ThingsBoardEncoding(),
                                new MapCatalogue(),
                                log,
                                r -> null)
                        .start()) {
            Await.until(
                    "failed first connects",
                    Duration.ofSeconds(60),
                    () -> uplink.stats().connectFailures() >= 2);
            assertEquals(Uplink.State.DISCONNECTED, uplink.stats().state());
            try (Mosquitto broker = Mosquitto.startOnPort(tmp.resolve("broker"), port)) {
                Await.until(
                        "connected once the broker is up",
                        Duration.ofSeconds(60),
                        () -> uplink.stats().state() == Uplink.State.CONNECTED);
            }
        }
    }
}
