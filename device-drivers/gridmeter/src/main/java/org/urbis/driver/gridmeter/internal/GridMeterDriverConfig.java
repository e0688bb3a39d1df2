package org.urbis.driver.gridmeter.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the grid-meter driver, PID {@code org.urbis.driver.gridmeter} ({@code etc/org.urbis.driver.gridmeter.cfg}). */
@ObjectClassDefinition(
        id = GridMeterDriverConfig.PID,
        name = "Urbis grid-meter driver",
        description = "DNP3 master and Modbus TCP settings of the grid-meter driver.")
public @interface GridMeterDriverConfig {

    String PID = "org.urbis.driver.gridmeter";

    @AttributeDefinition(
            name = "DNP3 I/O threads",
            description = "Threads of the DNP3 master serving every association (1-2 × cores).")
    int dnp3_ioThreads() default 2;

    @AttributeDefinition(name = "DNP3 response timeout (ms)", description = "Longest wait for each response fragment.")
    long dnp3_responseTimeoutMillis() default 5_000;

    @AttributeDefinition(name = "DNP3 integrity poll (s)", description = "Period of the class 1230 integrity poll.")
    long dnp3_integritySeconds() default 3_600;

    @AttributeDefinition(
            name = "DNP3 event poll (s)",
            description = "Period of the class 1, 2 and 3 event polls; 0 for none "
                    + "(unsolicited responses and IIN class bits still bring events).")
    long dnp3_eventPollSeconds() default 10;

    @AttributeDefinition(
            name = "DNP3 static poll (s)",
            description = "Period of the class 0 poll that reads output "
                    + "statuses (breaker, load control), which have no events; 0 for none.")
    long dnp3_class0Seconds() default 30;

    @AttributeDefinition(
            name = "DNP3 first retry (ms)",
            description = "Delay before reconnecting or repeating a failed request; doubled up to a minute.")
    long dnp3_retryMillis() default 5_000;

    @AttributeDefinition(name = "Modbus reply timeout (ms)", description = "Longest wait for one Modbus reply.")
    long modbus_timeoutMillis() default 2_000;

    @AttributeDefinition(name = "Modbus retries", description = "Further attempts after a failed Modbus request.")
    int modbus_retries() default 2;

    @AttributeDefinition(
            name = "Modbus poll interval (s)",
            description = "How often Modbus meters whose entry sets no pollInterval are read.")
    long modbus_pollSeconds() default 10;
}
