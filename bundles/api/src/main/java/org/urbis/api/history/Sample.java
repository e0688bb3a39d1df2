package org.urbis.api.history;

import java.time.Instant;
import java.util.Objects;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/**
 * One value of a point as history keeps it: the value, its source time and its quality. The quality's
 * sentence ({@code Value.detail}) is not kept.
 *
 * @param time    source time (UTC), millisecond precision
 * @param value   Boolean, Long, Double or String; {@code null} for a BAD value that had none
 * @param quality how far it could be trusted
 * @param reason  why it was not GOOD
 */
public record Sample(Instant time, Object value, Quality quality, QualityReason reason) {

    public Sample {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(quality, "quality");
        reason = reason == null ? QualityReason.NONE : reason;
    }
}
