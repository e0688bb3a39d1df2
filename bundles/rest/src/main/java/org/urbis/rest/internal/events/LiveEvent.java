package org.urbis.rest.internal.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.urbis.api.device.Device;

/**
 * One event as the live stream sends it, its server-sent-event frame encoded once for every client.
 *
 * @param id          increasing number, the SSE {@code id} a client resumes from
 * @param type        {@code value}, {@code health}, {@code alarm} or {@code command}
 * @param deviceId    the device concerned, or {@code null} (a command as a whole)
 * @param device      the device as the inventory has it, for class and group filters; {@code null} when none
 * @param frame       the event as the stream carries it, UTF-8: {@code data:}, {@code event:} and {@code id:}
 *                    lines and the blank line that ends it; shared by every client, never changed
 * @param at          when it entered the stream
 */
public record LiveEvent(long id, String type, String deviceId, Device device, byte[] frame, Instant at) {

    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(at, "at");
    }

    /** An event whose data is {@code json}, a single line (compact JSON has no line breaks). */
    public LiveEvent(long id, String type, String deviceId, Device device, String json, Instant at) {
        this(id, type, deviceId, device, frame(id, type, json), at);
    }

    /**
     * The data line comes first: a batch of frames then reads as one event's data to the JAX-RS SSE
     * writer (see {@link SseClient}); field order within an event means nothing to SSE clients.
     */
    static byte[] frame(long id, String type, String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a live event's data must be one line: " + json);
        }
        String idLine = id < 0 ? "" : "id: " + id + "\n";
        return ("data: " + json + "\nevent: " + type + "\n" + idLine + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
