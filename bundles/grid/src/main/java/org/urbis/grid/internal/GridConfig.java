package org.urbis.grid.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the grid's forecasts and controllers, PID {@code org.urbis.grid} ({@code etc/org.urbis.grid.cfg}). */
@ObjectClassDefinition(
        id = GridConfig.PID,
        name = "Urbis grid",
        description = "Feeder forecasts and the peak and export limiting controllers.")
public @interface GridConfig {

    String PID = "org.urbis.grid";

    @AttributeDefinition(
            name = "Feeder folder",
            description = "Folder of the *.feeder.json files, read again when they change; "
                    + "empty means ${karaf.etc}/urbis/grid.")
    String feeders_directory() default "";

    @AttributeDefinition(
            name = "Issuer",
            description = "The system issuer the controllers' commands are sent as; the control "
                    + "bundle's issuer.roles and rate.issuers give its roles and its rate.")
    String issuer() default "scheduler";

    @AttributeDefinition(
            name = "Forecast period (min)",
            description = "How often every feeder's 48 h forecast is computed again.")
    int forecast_periodMinutes() default 15;

    @AttributeDefinition(
            name = "Controller period (s)",
            description = "How often the controllers look at every feeder besides " + "each new transformer reading.")
    int controller_periodSeconds() default 15;

    @AttributeDefinition(
            name = "Command expiry (s)",
            description = "How long a controller's command may wait in the pipeline.")
    long command_expirySeconds() default 60;

    @AttributeDefinition(
            name = "Frozen meter (min)",
            description = "A transformer meter repeating the very same value this long "
                    + "is distrusted: no decision is taken on it, and an alarm is raised.")
    long meter_frozenMinutes() default 10;

    @AttributeDefinition(
            name = "Proposal life (min)",
            description = "How long an operator has to approve an advised action.")
    long proposal_lifeMinutes() default 15;
}
