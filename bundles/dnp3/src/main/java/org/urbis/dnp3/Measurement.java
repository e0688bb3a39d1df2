package org.urbis.dnp3;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One value an outstation reported.
 *
 * @param value the state (0/1; 0 to 3 for a double-bit input: intermediate, off, on, indeterminate), count or
 *     analog value
 * @param quality the point's flags; objects without flags report ONLINE
 * @param outstationTime the time the outstation stamped on the object, null when the object has none: that time,
 *     not the receipt time, is the value's time
 * @param event whether it came from an event object rather than a static one
 */
public record Measurement(
        PointType type, int index, double value, Set<Quality> quality, Instant outstationTime, boolean event) {

    public Measurement {
        if (type == null || quality == null) {
            throw new IllegalArgumentException("a measurement needs a type and a quality");
        }
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("a point index is 0..65535: " + index);
        }
        quality = Set.copyOf(quality);
    }

    public Optional<Instant> time() {
        return Optional.ofNullable(outstationTime);
    }
}
