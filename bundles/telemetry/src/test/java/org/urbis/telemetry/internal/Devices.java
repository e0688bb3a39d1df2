package org.urbis.telemetry.internal;

import java.util.List;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;

/** Devices for tests. */
public final class Devices {

    private Devices() {}

    public static Device streetlight(String id) {
        return new Device(
                id,
                DeviceClass.STREETLIGHT,
                "streetlight",
                "10.0.0.1:502",
                null,
                null,
                List.of(
                        Point.builder("dim", DataType.FLOAT)
                                .unit("%")
                                .access(Access.READ_WRITE)
                                .deadband(2)
                                .build(),
                        Point.builder("on", DataType.BOOLEAN)
                                .access(Access.READ_WRITE)
                                .build(),
                        Point.builder("energy", DataType.INTEGER).unit("Wh").build()),
                null,
                null);
    }

    public static Device counter(String id) {
        return new Device(
                id,
                DeviceClass.GRID_METER,
                "gridmeter",
                "10.0.0.2:502",
                null,
                null,
                List.of(Point.builder("n", DataType.INTEGER).build()),
                null,
                null);
    }
}
