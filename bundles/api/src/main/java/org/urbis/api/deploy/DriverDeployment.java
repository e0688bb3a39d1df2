package org.urbis.api.deploy;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Deploys driver bundles at runtime. Each step is audited under the issuer's name: received,
 * verified or refused, installed, started, devices attached, rolled back. A bundle whose signer the
 * site does not trust is refused before any of its code runs, with a platform alarm.
 */
@ProviderType
public interface DriverDeployment {

    /** Deploys the bundle at {@code source} (file:, http(s): or mvn:) in place of the version that runs now, if any. */
    DriverBundle deploy(URI source, String issuer) throws DriverRefusedException;

    /** Deploys a bundle uploaded as bytes; {@code name} says where it came from, for the audit log. */
    DriverBundle deploy(InputStream content, String name, String issuer) throws DriverRefusedException;

    /** Puts back the version that ran before the last deployment of {@code bundle} (a symbolic name or a driver id). */
    DriverBundle rollback(String bundle, String issuer) throws DriverRefusedException;

    /** Every bundle that registers a driver, with its signer and devices. */
    List<DriverBundle> drivers();
}
