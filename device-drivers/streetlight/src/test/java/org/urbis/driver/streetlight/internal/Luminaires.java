package org.urbis.driver.streetlight.internal;

import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/** Inventory entries of luminaires with the points of the luminaire-led profile the bundle ships. */
final class Luminaires {

    static final GeoLocation PHAN_THIET = new GeoLocation(10.93, 108.10);

    private Luminaires() {}

    static Device device(String id, String address) {
        return DeviceBuilder.device(id, DeviceClass.STREETLIGHT, StreetlightDriver.ID, address)
                .location(PHAN_THIET.latitude(), PHAN_THIET.longitude())
                .tag("zone", "Z1")
                .points(Profiles.fromClasspath("URBIS-INF/profiles/streetlight.profiles.json")
                        .points("luminaire-led"))
                .build();
    }
}
