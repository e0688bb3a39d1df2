package org.urbis.core.internal.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.urbis.api.device.Device;

/**
 * A GeoJSON FeatureCollection (RFC 7946), one device per Feature, as a city's GIS exports it:
 * <pre>{"type": "Feature", "id": "SL-0001",
 *  "geometry": {"type": "Point", "coordinates": [108.1012, 10.9321]},
 *  "properties": {"class": "streetlight", "driver": "streetlight-mqtt", "address": "node/0001",
 *                 "tags": {"street": "Tran Hung Dao"}, "profile": "luminaire", "points": [ ... ],
 *                 "pollInterval": "PT30S", "options": {"qos": 1}}}</pre>
 * Properties the platform does not use (a GIS export has plenty) are ignored.
 */
final class GeoJsonInventoryFile {

    /** The properties the platform reads; a feature may carry others of its own. */
    private static final List<String> PROPERTIES =
            List.of("id", "class", "driver", "address", "profile", "pollInterval", "tags", "options", "points");

    private GeoJsonInventoryFile() {}

    /** The devices of one file; problems are reported, and devices with a problem left out. */
    static List<Device> read(byte[] content, DeviceAssembler assembler, Problems problems) {
        JsonNode root = Json.parse(content, problems);
        if (root == null) {
            return List.of();
        }
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            problems.add("", "the top level is " + what(root) + ", expected a GeoJSON FeatureCollection");
            return List.of();
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            problems.add("", "the FeatureCollection has no \"features\" array");
            return List.of();
        }
        List<Device> devices = new ArrayList<>(features.size());
        int index = 0;
        for (JsonNode feature : features) {
            index++;
            Device device = readFeature(feature, index, assembler, problems);
            if (device != null) {
                devices.add(device);
            }
        }
        return devices;
    }

    private static Device readFeature(JsonNode feature, int index, DeviceAssembler assembler, Problems problems) {
        String at = "feature " + index;
        int before = problems.count();
        if (!"Feature".equals(feature.path("type").asText())) {
            problems.add(at, "expected a GeoJSON Feature, found " + what(feature));
            return null;
        }
        JsonNode properties = feature.path("properties");
        if (!properties.isObject()) {
            if (!properties.isMissingNode() && !properties.isNull()) {
                problems.add(at, "properties must be an object, not " + Json.describe(properties));
            }
            properties = JsonNodeFactory.instance.objectNode();
        }

        // RFC 7946 puts the id on the feature; many tools only keep it among the properties.
        String featureId = Json.text(feature, "id", at, problems);
        String propertyId = Json.text(properties, "id", at, problems);
        String id = featureId != null ? featureId : propertyId;
        DeviceEntry entry = new DeviceEntry(id == null ? at : at + " (" + id + ")");
        entry.id = id;
        if (propertyId != null && !propertyId.equals(id)) {
            problems.add(
                    entry.location, "the feature id '" + featureId + "' and properties.id '" + propertyId + "' differ");
        }
        readGeometry(feature.get("geometry"), entry, problems);
        entry.deviceClass = Json.text(properties, "class", entry.location, problems);
        entry.driver = Json.text(properties, "driver", entry.location, problems);
        entry.address = Json.text(properties, "address", entry.location, problems);
        entry.profile = Json.text(properties, "profile", entry.location, problems);
        entry.pollInterval = Json.text(properties, "pollInterval", entry.location, problems);
        entry.tags.putAll(Json.stringMap(properties, "tags", entry.location, problems));
        entry.options.putAll(Json.stringMap(properties, "options", entry.location, problems));
        JsonNode points = properties.get("points");
        if (points != null && !points.isNull()) {
            entry.points = PointDefinitions.parseList(points, entry.location, problems);
        }
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                NearMiss.of(name, PROPERTIES)
                        .ifPresent(meant -> problems.add(
                                entry.location,
                                "property '" + name + "' is not one the platform reads; did you mean '" + meant
                                        + "'?"));
            }
        }
        Device device = assembler.assemble(entry, problems);
        return problems.count() == before ? device : null;
    }

    /** A Point sets the location; a null (or absent) geometry means the location is unknown. */
    private static void readGeometry(JsonNode geometry, DeviceEntry entry, Problems problems) {
        if (geometry == null || geometry.isNull()) {
            return;
        }
        if (!"Point".equals(geometry.path("type").asText())) {
            problems.add(entry.location, "the geometry is " + what(geometry) + ", expected a Point or null");
            return;
        }
        JsonNode coordinates = geometry.path("coordinates");
        if (coordinates.isMissingNode()) {
            problems.add(entry.location, "the Point has no coordinates");
            return;
        }
        // A position is [longitude, latitude], optionally followed by an altitude.
        if (!coordinates.isArray() || coordinates.size() < 2 || coordinates.size() > 3) {
            problems.add(
                    entry.location,
                    "Point coordinates must be [longitude, latitude], found "
                            + (coordinates.isArray() ? coordinates.size() + " values" : Json.describe(coordinates)));
            return;
        }
        for (JsonNode c : coordinates) {
            if (!c.isNumber()) {
                problems.add(entry.location, "Point coordinates must be numbers, found " + Json.describe(c));
                return;
            }
        }
        entry.longitude = coordinates.get(0).doubleValue();
        entry.latitude = coordinates.get(1).doubleValue();
    }

    /** What a GeoJSON object claims to be, for messages. */
    private static String what(JsonNode node) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            return type != null && type.isTextual() ? "a " + type.asText() : "an object without a \"type\"";
        }
        return Json.describe(node);
    }
}
