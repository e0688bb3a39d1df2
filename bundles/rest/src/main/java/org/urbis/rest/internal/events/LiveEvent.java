package org.urbis.rest.internal.events;

import java.time.Instant;
import java.util.Objects;
import org.urbis.api.device.Device;

/**
 * One event as the live stream sends it, its JSON written once for every client.
 *
 * @param id          increasing number, the SSE {@code id} a client resumes from
 * @param type        {@code value}, {@code health}, {@code alarm} or {@code command}
 * @param deviceId    the device concerned, or {@code null} (a command as a whole)
 * @param device      the device as the inventory has it, for class and group filters; {@code null} when none
 * @param json        the event's data
 * @param at          when it entered the stream
 */
public record LiveEvent(long id, String type, String deviceId, Device device, String json, Instant at) {

    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(at, "at");
    }
}
