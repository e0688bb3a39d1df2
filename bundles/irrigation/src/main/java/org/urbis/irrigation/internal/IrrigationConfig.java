package org.urbis.irrigation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of central irrigation, PID {@code org.urbis.irrigation} ({@code etc/org.urbis.irrigation.cfg}). */
@ObjectClassDefinition(
        id = IrrigationConfig.PID,
        name = "Urbis irrigation",
        description = "Irrigation programs, the zones' water balances and how their runs are sent.")
public @interface IrrigationConfig {

    String PID = "org.urbis.irrigation";

    @AttributeDefinition(
            name = "Program folder",
            description = "Folder of the *.program.json files, read again when "
                    + "they change; empty means ${karaf.etc}/urbis/irrigation.")
    String programs_directory() default "";

    @AttributeDefinition(
            name = "Balance file",
            description = "Where the zones' water balances are kept across restarts; "
                    + "empty means ${karaf.data}/urbis/irrigation/balances.json.")
    String balances_file() default "";

    @AttributeDefinition(
            name = "Issuer",
            description = "The system issuer the zone runs are sent as; the control "
                    + "bundle's issuer.roles and rate.issuers give its roles and its rate.")
    String issuer() default "scheduler";

    @AttributeDefinition(
            name = "Run expiry (s)",
            description = "How long after its planned start a zone run may still be sent.")
    long run_expirySeconds() default 300;
}
