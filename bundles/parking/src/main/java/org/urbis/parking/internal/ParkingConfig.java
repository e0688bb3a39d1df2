package org.urbis.parking.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of parking occupancy and the public feeds, PID {@code org.urbis.parking}. */
@ObjectClassDefinition(id = ParkingConfig.PID, name = "Urbis parking occupancy and public feeds")
public @interface ParkingConfig {

    String PID = "org.urbis.parking";

    @AttributeDefinition(
            name = "Time zone",
            description = "The sites' local time: opening hours, overstay rules, turnover days.")
    String zone() default "Asia/Ho_Chi_Minh";

    @AttributeDefinition(
            name = "Requests per client (burst)",
            description = "Requests a client address may make at once.")
    int rateLimit_burst() default 60;

    @AttributeDefinition(
            name = "Requests per client per second",
            description = "Sustained rate per client address; more get 429.")
    double rateLimit_perSecond() default 20;

    @AttributeDefinition(
            name = "Clients with their own rate",
            description = "Client addresses allowed another rate than the "
                    + "default, as address=<requests per second>/<burst>, comma-separated: an aggregator or national access point "
                    + "that polls for many users, or a load test (benchmarks/parking sets 127.0.0.1=1000000/1000000).")
    String[] rateLimit_clients() default {};

    @AttributeDefinition(name = "Cache max-age (s)", description = "How long clients and proxies may keep an answer.")
    int feed_maxAgeSeconds() default 10;

    @AttributeDefinition(name = "DATEX II country", description = "publicationCreator country code.")
    String datex_country() default "vn";

    @AttributeDefinition(name = "DATEX II national identifier", description = "publicationCreator national identifier.")
    String datex_identifier() default "urbis";
}
