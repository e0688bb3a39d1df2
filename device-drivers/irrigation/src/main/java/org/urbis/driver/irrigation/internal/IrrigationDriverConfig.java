package org.urbis.driver.irrigation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the irrigation driver, PID {@code org.urbis.driver.irrigation} ({@code etc/org.urbis.driver.irrigation.cfg}). */
@ObjectClassDefinition(
        id = IrrigationDriverConfig.PID,
        name = "Urbis irrigation driver",
        description = "HTTP settings for OpenSprinkler controllers and Modbus TCP settings for irrigation PLCs.")
public @interface IrrigationDriverConfig {

    String PID = "org.urbis.driver.irrigation";

    @AttributeDefinition(
            name = "HTTP request timeout (ms)",
            description =
                    "Longest wait to connect to an OpenSprinkler controller and for its answer; the platform's I/O timeout may cut it shorter.")
    long http_timeoutMillis() default 2_000;

    @AttributeDefinition(
            name = "Modbus reply timeout (ms)",
            description = "Longest wait for one Modbus reply; the platform's I/O timeout may cut it shorter.")
    long modbus_timeoutMillis() default 2_000;

    @AttributeDefinition(name = "Modbus retries", description = "Further attempts after a failed request.")
    int modbus_retries() default 2;

    @AttributeDefinition(
            name = "Modbus first retry delay (ms)",
            description = "Delay before the first retry; doubled on each further one.")
    long modbus_retryBackoffMillis() default 100;

    @AttributeDefinition(
            name = "Modbus block span (registers)",
            description = "Most registers one block read covers (2-125).")
    int modbus_maxSpan() default 64;

    @AttributeDefinition(
            name = "Modbus block gap (registers)",
            description = "Most unused registers read to join two points; 0 for PLCs that refuse unmapped registers.")
    int modbus_maxGap() default 8;
}
