package org.urbis.driver.parking.internal;

import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/** Bay devices with the driver's own profile, as a site's inventory would have them. */
final class Bays {

    private Bays() {}

    static Device device(String id, String devEui, String model, String connection) {
        return DeviceBuilder.device(id, DeviceClass.PARKING, ParkingDriver.ID, "eui:" + devEui)
                .points(Profiles.fromClasspath("URBIS-INF/profiles/parking.profiles.json")
                        .points("parking-bay"))
                .option("model", model)
                .option("connection", connection)
                .location(10.9297, 108.1003)
                .tag("parking-site", "PT-TRAN-HUNG-DAO")
                .build();
    }
}
