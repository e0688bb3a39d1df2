package org.urbis.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the web console, PID {@code org.urbis.console} ({@code etc/org.urbis.console.cfg}). */
@ObjectClassDefinition(
        id = ConsoleConfig.PID,
        name = "Urbis web console",
        description = "The map of the console draws no tiles unless a tile server is named here.")
public @interface ConsoleConfig {

    String PID = "org.urbis.console";

    @AttributeDefinition(
            name = "Map tile URL",
            description = "e.g. https://tiles.example.city/{z}/{x}/{y}.png; "
                    + "empty for a plain background, as on a closed network.")
    String map_tileUrl() default "";

    @AttributeDefinition(name = "Map attribution", description = "The tiles' copyright line, shown on the map.")
    String map_tileAttribution() default "";
}
