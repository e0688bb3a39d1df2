package org.urbis.driver.water.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the water driver, PID {@code org.urbis.driver.water} ({@code etc/org.urbis.driver.water.cfg}). */
@ObjectClassDefinition(
        id = WaterDriverConfig.PID,
        name = "Urbis water driver",
        description = "Modbus TCP settings of the water-supply RTU driver.")
public @interface WaterDriverConfig {

    String PID = "org.urbis.driver.water";

    @AttributeDefinition(
            name = "Reply timeout (ms)",
            description = "Longest wait for one Modbus reply; the platform's I/O timeout may cut it shorter.")
    long modbus_timeoutMillis() default 2_000;

    @AttributeDefinition(
            name = "Retries",
            description = "Further attempts after a failed request (I/O error, timeout, garbled reply, busy).")
    int modbus_retries() default 2;

    @AttributeDefinition(
            name = "First retry delay (ms)",
            description = "Delay before the first retry; doubled on each further one.")
    long modbus_retryBackoffMillis() default 100;

    @AttributeDefinition(name = "Block span (registers)", description = "Most registers one block read covers (2-125).")
    int modbus_maxSpan() default 64;

    @AttributeDefinition(
            name = "Block gap (registers)",
            description =
                    "Most unused registers read to join two points into one block; 0 for devices that refuse unmapped registers.")
    int modbus_maxGap() default 8;
}
