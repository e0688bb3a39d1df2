package org.urbis.trust.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the trust policy and of driver deployment ({@code etc/org.urbis.trust.cfg}). */
@ObjectClassDefinition(
        name = "Urbis bundle trust and driver deployment",
        description = "Which bundles installed after boot may resolve, and where deployed drivers are kept")
public @interface TrustConfig {

    String PID = "org.urbis.trust";

    @AttributeDefinition(
            name = "Enforce",
            description = "Refuse bundles installed after boot that come neither from the "
                    + "system repository nor from a trusted signer. Off only on a developer's machine.")
    boolean enforce() default true;

    @AttributeDefinition(
            name = "Trust store",
            description =
                    "Folder of the trusted signers' certificates (*.pem, *.crt, "
                            + "*.cer, X.509); a blank value means ${karaf.etc}/urbis/trust. Re-read when this configuration changes.")
    String trustStore() default "";

    @AttributeDefinition(
            name = "System repository",
            description = "The distribution's own Maven repository; a bundle "
                    + "installed from an mvn: URL found in it is trusted. A blank value means ${karaf.home}/system.")
    String systemRepository() default "";

    @AttributeDefinition(
            name = "Admitted locations",
            description = "Regular expressions of bundle locations admitted "
                    + "without a signature (a test harness's own bundles); empty on a real site.")
    String[] admittedLocations() default {};

    @AttributeDefinition(
            name = "Driver folder",
            description = "Where deployed driver bundles and the versions before them "
                    + "are kept for rollback; a blank value means ${karaf.data}/urbis/drivers.")
    String driverFolder() default "";

    @AttributeDefinition(
            name = "Attach wait (seconds)",
            description = "How long a deployment waits for the new driver's "
                    + "devices to leave DRIVER_MISSING before it reports them as not attached")
    int attachSeconds() default 60;
}
