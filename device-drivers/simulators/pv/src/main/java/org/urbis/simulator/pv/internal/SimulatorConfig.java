package org.urbis.simulator.pv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-Karaf PV feeder simulator, PID {@code org.urbis.simulator.pv}. */
@ObjectClassDefinition(
        id = SimulatorConfig.PID,
        name = "Urbis PV feeder simulator",
        description = "A simulated feeder of rooftop PV inverters, house meters and a transformer meter on Modbus TCP "
                + "(SunSpec) for demos. Runs only when this configuration exists.")
public @interface SimulatorConfig {

    String PID = "org.urbis.simulator.pv";

    @AttributeDefinition(name = "Bind address")
    String bind() default "127.0.0.1";

    @AttributeDefinition(
            name = "Port",
            description = "Modbus TCP port: inverters are units 1..N, house meters 101..100+M, "
                    + "the transformer meter unit 200.")
    int port() default 5024;

    @AttributeDefinition(name = "Inverters")
    int inverters() default 4;

    @AttributeDefinition(name = "House meters")
    int houses() default 4;

    @AttributeDefinition(
            name = "Weather station",
            description = "host:port/unit=N of a Modbus weather station whose "
                    + "input register 3 holds irradiance in W/m2; empty to use the simulator's own sky.")
    String weatherStation() default "";

    @AttributeDefinition(
            name = "Sunny noon",
            description = "Hold the feeder at a cloudless 12:00-12:30 with little load: " + "the transformer exports.")
    boolean sunnyNoon() default false;

    @AttributeDefinition(
            name = "Clock offset (minutes)",
            description = "Shifts the feeder's time of day from the clock's.")
    long clockOffsetMinutes() default 0;

    @AttributeDefinition(name = "Model step (ms)")
    long tickMillis() default 1000;
}
