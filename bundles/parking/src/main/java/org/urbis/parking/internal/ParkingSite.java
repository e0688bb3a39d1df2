package org.urbis.parking.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * A parking site as its {@code *.parking.json} file defines it. Bays belong to it by their
 * {@code parking-site} tag.
 *
 * @param uid          the tag value and the feeds' id
 * @param name         for people
 * @param lat          WGS 84
 * @param lon          WGS 84
 * @param type         ParkAPI's site type: ON_STREET, OFF_STREET_PARKING_GROUND, CAR_PARK, UNDERGROUND, OTHER
 * @param capacity     spaces, or empty to count the site's bays
 * @param maxStay      the longest stay allowed, if any
 * @param openingHours when the site is open (OSM syntax)
 * @param overstay     when a stay is too long, if the site has such a rule
 * @param file         the file it came from
 */
record ParkingSite(
        String uid,
        String name,
        double lat,
        double lon,
        String type,
        Optional<Integer> capacity,
        Optional<Duration> maxStay,
        OpeningHours openingHours,
        Optional<Overstay> overstay,
        String file) {

    /** Stays longer than {@code maxStay} while {@code hours} hold are overstays. */
    record Overstay(Duration maxStay, OpeningHours hours) {}
}
