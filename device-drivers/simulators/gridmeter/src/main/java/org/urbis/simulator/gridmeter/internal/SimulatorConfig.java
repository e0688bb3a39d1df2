package org.urbis.simulator.gridmeter.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-Karaf grid-meter simulator, PID {@code org.urbis.simulator.gridmeter}. */
@ObjectClassDefinition(
        id = SimulatorConfig.PID,
        name = "Urbis grid-meter simulator",
        description = "Simulated DNP3 and SDM630 grid meters for demos. Runs only when this configuration exists.")
public @interface SimulatorConfig {

    String PID = "org.urbis.simulator.gridmeter";

    @AttributeDefinition(name = "Bind address", description = "Address the simulated meters listen on and dial from.")
    String bind() default "127.0.0.1";

    @AttributeDefinition(
            name = "DNP3 port",
            description = "Port of the listening outstation; its address is dnp3://bind:port?outstation=N&master=M.")
    int dnp3Port() default 20000;

    @AttributeDefinition(
            name = "Listening outstation",
            description = "DNP3 address of the outstation the master connects to.")
    int outstation() default 10;

    @AttributeDefinition(
            name = "Dial-in port",
            description =
                    "Port of the master's dial-in listener (dnp3-listen://bind:port) the second outstation calls; 0 for none.")
    int dialInPort() default 20010;

    @AttributeDefinition(name = "Dialing outstation", description = "DNP3 address of the outstation that dials in.")
    int dialInOutstation() default 11;

    @AttributeDefinition(name = "Master address", description = "DNP3 address of the master both outstations answer.")
    int master() default 1;

    @AttributeDefinition(
            name = "SDM630 port",
            description = "Modbus TCP port of the SDM630 meter (unit 1); 0 for none.")
    int sdm630Port() default 5021;

    @AttributeDefinition(name = "Model step (ms)", description = "How often the measurements change.")
    long tickMillis() default 1000;
}
