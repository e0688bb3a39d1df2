package org.urbis.control.internal.audit;

import java.time.Instant;

/**
 * Writes record times exactly as {@link Instant#toString()} does, formatting the date and time of
 * day once per second: the records of a group command share their second, and the general
 * formatter cost the audit writer more than hashing. Not thread-safe: the writer's own.
 */
final class RecordTimes {

    private long second = Long.MIN_VALUE;
    /** The whole second as Instant.toString writes it, without the closing Z. */
    private String prefix = "";

    String format(Instant t) {
        if (t.getEpochSecond() != second) {
            String whole = Instant.ofEpochSecond(t.getEpochSecond()).toString();
            prefix = whole.substring(0, whole.length() - 1);
            second = t.getEpochSecond();
        }
        int nano = t.getNano();
        if (nano == 0) {
            return prefix + 'Z';
        }
        // As ISO_INSTANT: milli-, micro- or nanoseconds, whichever is the fewest digits that hold the fraction.
        StringBuilder s = new StringBuilder(prefix.length() + 11).append(prefix).append('.');
        if (nano % 1_000_000 == 0) {
            digits(s, nano / 1_000_000, 3);
        } else if (nano % 1_000 == 0) {
            digits(s, nano / 1_000, 6);
        } else {
            digits(s, nano, 9);
        }
        return s.append('Z').toString();
    }

    private static void digits(StringBuilder s, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            s.append('0');
        }
        s.append(v);
    }
}
