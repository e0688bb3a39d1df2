package org.urbis.driver.pv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the PV driver, PID {@code org.urbis.driver.pv} ({@code etc/org.urbis.driver.pv.cfg}). */
@ObjectClassDefinition(
        id = PvDriverConfig.PID,
        name = "Urbis PV driver",
        description = "Modbus TCP settings of the SunSpec inverter and meter driver.")
public @interface PvDriverConfig {

    String PID = "org.urbis.driver.pv";

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
}
