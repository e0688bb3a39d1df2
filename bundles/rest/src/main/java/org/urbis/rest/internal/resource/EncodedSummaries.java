package org.urbis.rest.internal.resource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.device.Device;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.rest.internal.Views;

/**
 * Each device's list entry encoded as JSON once and encoded again only when the device or what the entry shows
 * of its health has changed: a list of ten thousand devices then costs copying bytes, not building and writing
 * ten thousand objects (and their garbage) on every request. Every request still reads the registry, so a list
 * is never older than the registry.
 */
final class EncodedSummaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The device's entry, encoded now if the one remembered no longer shows it. */
    Entry of(DeviceSnapshot s) {
        String id = s.device().id();
        Entry e = entries.get(id);
        if (e == null || !e.shows(s)) {
            e = new Entry(s);
            entries.put(id, e);
        }
        return e;
    }

    /** Forgets the entries of devices no longer there, given every device there is. */
    void keepOnly(Collection<DeviceSnapshot> all) {
        if (entries.size() > all.size()) {
            Set<String> ids = ConcurrentHashMap.newKeySet(all.size());
            all.forEach(s -> ids.add(s.device().id()));
            entries.keySet().retainAll(ids);
        }
    }

    /** A device's entry as JSON, written as it is into a list. */
    static final class Entry implements JsonSerializable {

        private final Device device;
        private final DeviceHealth health;
        private final SerializedString json;

        Entry(DeviceSnapshot s) {
            this.device = s.device();
            this.health = s.health();
            try {
                this.json = new SerializedString(JSON.writeValueAsString(Views.DeviceSummary.of(s)));
                // encoded to UTF-8 here, so that every thread sees the bytes through the final field
                json.asUnquotedUTF8();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the summary of device " + device.id() + " as JSON", e);
            }
        }

        /** Whether this entry still shows the device: the same inventory entry, and health as of its last change. */
        boolean shows(DeviceSnapshot s) {
            DeviceHealth h = s.health();
            return (device == s.device() || device.equals(s.device()))
                    && (health == h || !health.differsFrom(h) && health.since().equals(h.since()));
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeRawValue(json);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers);
        }
    }
}
