package org.urbis.simulator.parking.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The simulated network server in Karaf, PID {@code org.urbis.simulator.parking}. */
@ObjectClassDefinition(id = SimulatorConfig.PID, name = "Urbis simulated LoRaWAN network server (parking)")
public @interface SimulatorConfig {

    String PID = "org.urbis.simulator.parking";

    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "chirpstack or tts")
    String server() default "chirpstack";

    @AttributeDefinition(description = "ChirpStack application id, or The Things Stack app@tenant")
    String application() default "urbis-parking";

    @AttributeDefinition(description = "Bays, DevEUIs 70B3D57ED0051A01 on")
    int count() default 3;

    String model() default "nwave-nps405";

    @AttributeDefinition(description = "A car arrives or leaves, or a sensor sends its heartbeat, this often")
    long stepMillis() default 5_000;

    @AttributeDefinition(description = "Share of steps that are arrivals or departures rather than heartbeats")
    double changeShare() default 0.5;
}
