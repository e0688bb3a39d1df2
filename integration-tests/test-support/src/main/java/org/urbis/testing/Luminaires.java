package org.urbis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;

/** Luminaires as commands and schedules see them: a relay and a dimming level both written and read back. */
public final class Luminaires {

    private Luminaires() {}

    /**
     * A luminaire of the street-light driver with a {@code switch} (on/off) and a {@code dim} (0 to 100 %)
     * point, and any further points.
     */
    public static Device luminaire(String id, Map<String, String> tags, Point... more) {
        List<Point> points = new ArrayList<>(List.of(
                Point.builder("switch", DataType.BOOLEAN)
                        .access(Access.READ_WRITE)
                        .build(),
                Point.builder("dim", DataType.FLOAT)
                        .unit("%")
                        .access(Access.READ_WRITE)
                        .limits(0.0, 100.0)
                        .build()));
        points.addAll(List.of(more));
        return new Device(
                id, DeviceClass.STREETLIGHT, "streetlight", "urbis/luminaires/" + id, null, tags, points, null, null);
    }
}
