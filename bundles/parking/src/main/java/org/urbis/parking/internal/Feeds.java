package org.urbis.parking.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The public feeds' documents: ParkAPI v3 JSON and a DATEX II v3 parking status publication. */
final class Feeds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Feeds() {}

    /** ParkAPI v3 parking sites with their realtime free capacity. */
    static byte[] parkApiSites(List<Occupancy.Site> sites) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("items");
        for (Occupancy.Site s : sites) {
            ParkingSite p = s.site();
            ObjectNode o = items.addObject();
            o.put("uid", p.uid()).put("name", p.name()).put("type", p.type());
            o.put("lat", p.lat()).put("lon", p.lon());
            o.put("capacity", s.capacity());
            o.put("has_realtime_data", true);
            o.put("realtime_free_capacity", s.free());
            o.put("realtime_opening_status", s.open() ? "OPEN" : "CLOSED");
            if (s.updatedAt() != null) {
                o.put("realtime_data_updated_at", time(s.updatedAt()));
            }
            p.maxStay().ifPresent(m -> o.put("max_stay", m.toSeconds()));
            o.put("opening_hours", p.openingHours().toString());
        }
        return bytes(root);
    }

    /** ParkAPI v3 parking spots of one site: AVAILABLE, TAKEN, or UNKNOWN for a bay not known now. */
    static byte[] parkApiSpots(Occupancy.Site site) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("items");
        for (Occupancy.Bay b : site.bays()) {
            ObjectNode o = items.addObject();
            o.put("uid", b.id()).put("parking_site_uid", site.site().uid());
            o.put("lat", b.lat() == null ? site.site().lat() : b.lat());
            o.put("lon", b.lon() == null ? site.site().lon() : b.lon());
            o.put("has_realtime_data", true);
            o.put("realtime_status", b.state().name());
            if (b.updatedAt() != null) {
                o.put("realtime_data_updated_at", time(b.updatedAt()));
            }
        }
        return bytes(root);
    }

    /**
     * DATEX II v3 (the Parking namespace, as of v3.3): a {@code ParkingStatusPublication} with one
     * {@code PlaceStatus} per site — its reference, when its data was last updated, whether it is open,
     * its occupancy (spaces, vacant, occupied, percentage) and a status (spacesAvailable, full or
     * unknown). Element names, namespaces and their order follow the standard's schema:
     * {@code com:PayloadPublication}, {@code fac:FacilityObjectStatus} / {@code fac:FacilityStatus},
     * {@code prk:ParkingStatusInformation}, {@code prk:Occupancy}, {@code prk:PlaceStatus}.
     */
    static byte[] datex2(List<Occupancy.Site> sites, Instant now, String country, String identifier) {
        StringBuilder x = new StringBuilder(512 + sites.size() * 700);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<d2:payload xmlns:d2=\"http://datex2.eu/schema/3/d2Payload\"")
                .append(" xmlns:com=\"http://datex2.eu/schema/3/common\"")
                .append(" xmlns:fac=\"http://datex2.eu/schema/3/facilities\"")
                .append(" xmlns:prk=\"http://datex2.eu/schema/3/parking\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:type=\"prk:ParkingStatusPublication\" lang=\"vi\" modelBaseVersion=\"3\">\n");
        x.append("  <com:publicationTime>").append(time(now)).append("</com:publicationTime>\n");
        x.append("  <com:publicationCreator><com:country>")
                .append(esc(country))
                .append("</com:country>")
                .append("<com:nationalIdentifier>")
                .append(esc(identifier))
                .append("</com:nationalIdentifier></com:publicationCreator>\n");
        for (Occupancy.Site s : sites) {
            x.append("  <prk:parkingStatusInformation xsi:type=\"prk:PlaceStatus\">\n");
            x.append("    <fac:reference targetClass=\"fac:FacilityObject\" id=\"")
                    .append(esc(s.site().uid()))
                    .append("\" version=\"1\"/>\n");
            x.append("    <fac:lastUpdated>")
                    .append(time(Optional.ofNullable(s.updatedAt()).orElse(now)))
                    .append("</fac:lastUpdated>\n");
            x.append("    <fac:openingStatus>")
                    .append(s.open() ? "open" : "closed")
                    .append("</fac:openingStatus>\n");
            x.append("    <prk:occupancy>\n");
            x.append("      <prk:numberOfSpacesOverride>")
                    .append(s.capacity())
                    .append("</prk:numberOfSpacesOverride>\n");
            x.append("      <prk:numberOfVacantSpaces>").append(s.free()).append("</prk:numberOfVacantSpaces>\n");
            x.append("      <prk:numberOfOccupiedSpaces>")
                    .append(s.occupied())
                    .append("</prk:numberOfOccupiedSpaces>\n");
            if (s.capacity() > 0) {
                x.append("      <prk:occupancy>")
                        .append(Math.round(100.0 * s.occupied() / s.capacity()))
                        .append("</prk:occupancy>\n");
            }
            x.append("    </prk:occupancy>\n");
            x.append("    <prk:status>")
                    .append(s.unknown() == s.capacity() ? "unknown" : s.free() == 0 ? "full" : "spacesAvailable")
                    .append("</prk:status>\n");
            x.append("  </prk:parkingStatusInformation>\n");
        }
        x.append("</d2:payload>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
