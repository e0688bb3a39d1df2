package org.urbis.driver.streetlight.internal;

import java.util.List;
import java.util.Map;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;

/** Inventory entries of luminaires with the points of the luminaire-led profile. */
final class Luminaires {

    static final GeoLocation PHAN_THIET = new GeoLocation(10.93, 108.10);

    private Luminaires() {
    }

    static List<Point> points() {
        return List.of(
                Point.builder("switch", DataType.BOOLEAN).access(Access.READ_WRITE).address("relay").build(),
                Point.builder("dim", DataType.FLOAT).unit("%").access(Access.READ_WRITE).limits(0.0, 100.0).address("dim").build(),
                Point.builder("power", DataType.FLOAT).unit("W").limits(0.0, 400.0).address("power").build(),
                Point.builder("energy", DataType.FLOAT).unit("kWh").limits(0.0, null).address("energy").build(),
                Point.builder("operatingHours", DataType.FLOAT).unit("h").limits(0.0, null).address("hours").build(),
                Point.builder("switchOnCount", DataType.INTEGER).limits(0.0, null).address("switchOns").build(),
                Point.builder("lampStatus", DataType.STRING).address("lamp").build(),
                Point.builder("voltage", DataType.FLOAT).unit("V").limits(180.0, 260.0).address("voltage").build(),
                Point.builder("programId", DataType.STRING).address("programId").build(),
                Point.builder("program", DataType.STRING).access(Access.WRITE).address("program").build());
    }

    static Device device(String id, String address) {
        return new Device(id, DeviceClass.STREETLIGHT, StreetlightDriver.ID, address, PHAN_THIET, Map.of("zone", "Z1"),
                points(), null, Map.of());
    }
}
