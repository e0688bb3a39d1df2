package org.urbis.api.device;

/**
 * Where a device stands, in WGS 84 degrees.
 *
 * @param latitude  -90 to 90
 * @param longitude -180 to 180
 */
public record GeoLocation(double latitude, double longitude) {

    public GeoLocation {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude " + latitude + " is outside -90..90");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude " + longitude + " is outside -180..180");
        }
    }
}
