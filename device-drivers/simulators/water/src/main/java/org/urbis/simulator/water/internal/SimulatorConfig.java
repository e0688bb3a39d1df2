package org.urbis.simulator.water.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-Karaf water simulator, PID {@code org.urbis.simulator.water}. */
@ObjectClassDefinition(
        id = SimulatorConfig.PID,
        name = "Urbis water simulator",
        description = "Simulated Modbus TCP water RTUs for demos. Runs only when this configuration exists.")
public @interface SimulatorConfig {

    String PID = "org.urbis.simulator.water";

    @AttributeDefinition(name = "Bind address", description = "Address the simulated gateway listens on.")
    String bind() default "127.0.0.1";

    @AttributeDefinition(
            name = "Port",
            description = "Modbus TCP port; the devices' address is tcp://bind:port/unit=N.")
    int port() default 5020;

    @AttributeDefinition(name = "Units", description = "Number of RTUs, unit ids 1..units (1-247).")
    int units() default 4;

    @AttributeDefinition(name = "Model step (ms)", description = "How often the hydraulic model advances.")
    long tickMillis() default 100;
}
