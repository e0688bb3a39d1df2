package org.urbis.api.history;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of the history store.
 *
 * @param file          where it is kept
 * @param fileBytes     the store file's size on disk
 * @param dataBytes     bytes of history data in it (what the size bound applies to)
 * @param maxBytes      the size bound
 * @param retention     how long history is kept at most
 * @param oldest        the oldest value kept, or {@code null} when empty
 * @param series        device points with history
 * @param written       values committed to disk since the store opened
 * @param dropped       values lost because the writer could not keep up
 * @param late          values refused because their time lay before the point's last value
 * @param sizeBoundHit  whether the size bound, rather than the retention, decides what is dropped
 */
public record HistoryStatus(
        String file,
        long fileBytes,
        long dataBytes,
        long maxBytes,
        Duration retention,
        Instant oldest,
        long series,
        long written,
        long dropped,
        long late,
        boolean sizeBoundHit) {}
