package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * Occupancy counts and the feeds built from bays' values: a stale bay is UNKNOWN (never free), an
 * overstay is seen, and the ParkAPI output passes the JSON schema of the fields it emits.
 */
class FeedsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z"); // 10:00 on a Tuesday in Phan Thiết
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ParkingSite street() {
        List<String> problems = new ArrayList<>();
        Map<String, ParkingSite> sites = new java.util.TreeMap<>();
        SiteFiles.read("street.parking.json", SiteFilesTest.STREET.getBytes(StandardCharsets.UTF_8), sites, problems);
        assertEquals(List.of(), problems);
        return sites.get("PT-TRAN-HUNG-DAO");
    }

    private static DeviceSnapshot bay(String id, Value occupied, Value since, HealthStatus health) {
        Device d = new Device(
                id,
                DeviceClass.PARKING,
                "parking",
                "eui:70B3D57ED0051A01",
                new GeoLocation(10.93, 108.10),
                Map.of("parking-site", "PT-TRAN-HUNG-DAO"),
                List.of(
                        Point.builder("occupied", DataType.BOOLEAN).build(),
                        Point.builder("occupiedSince", DataType.STRING).build()),
                Duration.ofMinutes(5),
                Map.of());
        Map<String, Value> values = new java.util.HashMap<>();
        if (occupied != null) {
            values.put("occupied", occupied);
        }
        if (since != null) {
            values.put("occupiedSince", since);
        }
        return new DeviceSnapshot(d, new DeviceHealth(id, health, HealthDetail.NONE, "", NOW, NOW, 0, 0), values);
    }

    private static List<Occupancy.Site> sites() {
        Instant t = NOW.minusSeconds(60);
        return Occupancy.of(
                List.of(street()),
                List.of(
                        bay(
                                "PK-1",
                                Value.good("occupied", true, t),
                                Value.good(
                                        "occupiedSince",
                                        NOW.minusSeconds(3 * 3600).toString(),
                                        t),
                                HealthStatus.ONLINE),
                        bay(
                                "PK-2",
                                Value.good("occupied", false, t),
                                Value.good("occupiedSince", "", t),
                                HealthStatus.ONLINE),
                        bay(
                                "PK-3",
                                Value.good("occupied", false, t)
                                        .withQuality(Quality.UNCERTAIN, QualityReason.STALE, "heartbeat overdue"),
                                null,
                                HealthStatus.DEGRADED)),
                Map.of("PK-1", 4L),
                NOW,
                ZONE);
    }

    @Test
    void countsPerSiteWithStaleBaysUnknown() {
        Occupancy.Site s = sites().get(0);
        assertEquals(3, s.capacity());
        assertEquals(1, s.free());
        assertEquals(1, s.occupied());
        assertEquals(1, s.unknown(), "the overdue bay is unknown, not free");
        Occupancy.Bay pk1 = s.bays().get(0);
        assertEquals(Duration.ofHours(3), pk1.dwell());
        assertTrue(pk1.overstay(), "3 h on a Tuesday morning, 2 h allowed");
        assertEquals(4, pk1.turnover());
        assertEquals(Occupancy.BayState.UNKNOWN, s.bays().get(2).state());
    }

    @Test
    void theParkApiFeedFollowsItsSchema() throws Exception {
        JsonNode sitesJson = JSON.readTree(Feeds.parkApiSites(sites()));
        assertEquals(List.of(), schema("parkapi-v3-sites.schema.json").validate(sitesJson));
        JsonNode site = sitesJson.path("items").get(0);
        assertEquals(1, site.path("realtime_free_capacity").asInt());
        assertEquals(7200, site.path("max_stay").asInt());
        assertEquals("OPEN", site.path("realtime_opening_status").asText());

        JsonNode spots = JSON.readTree(Feeds.parkApiSpots(sites().get(0)));
        assertEquals(List.of(), schema("parkapi-v3-spots.schema.json").validate(spots));
        assertEquals(
                "UNKNOWN", spots.path("items").get(2).path("realtime_status").asText());

        // the schema does bite: a spot state ParkAPI does not know is refused
        ((com.fasterxml.jackson.databind.node.ObjectNode) spots.path("items").get(0)).put("realtime_status", "FREE");
        assertEquals(1, schema("parkapi-v3-spots.schema.json").validate(spots).size());
    }

    @Test
    void datex2CarriesVacantAndOccupiedSpacesInTheStandardsStructure() throws Exception {
        String xml = new String(Feeds.datex2(sites(), NOW, "vn", "urbis-phan-thiet"), StandardCharsets.UTF_8);
        org.w3c.dom.Element payload = Datex2Structure.check(xml);
        org.w3c.dom.Element status = Datex2Structure.children(payload).get(2);
        assertEquals(
                "PT-TRAN-HUNG-DAO",
                Datex2Structure.child(status, Datex2Structure.FAC, "reference").getAttribute("id"));
        org.w3c.dom.Element occupancy = Datex2Structure.child(status, Datex2Structure.PRK, "occupancy");
        assertEquals(
                "1",
                Datex2Structure.child(occupancy, Datex2Structure.PRK, "numberOfVacantSpaces")
                        .getTextContent());
        assertEquals(
                "1",
                Datex2Structure.child(occupancy, Datex2Structure.PRK, "numberOfOccupiedSpaces")
                        .getTextContent());
        assertEquals(
                "spacesAvailable",
                Datex2Structure.child(status, Datex2Structure.PRK, "status").getTextContent());
        assertTrue(xml.contains("<com:publicationTime>2026-12-01T03:00:00Z</com:publicationTime>"), xml);

        // the check does bite: the DATEX II 2.3 names this publication once used are not v3's
        String v2 = xml.replace("prk:parkingStatusInformation", "prk:parkingRecordStatus");
        AssertionError refused =
                org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Datex2Structure.check(v2));
        assertTrue(refused.getMessage().contains("parkingRecordStatus"), refused.getMessage());
        String disordered = xml.replaceFirst(
                "(<fac:lastUpdated>[^<]*</fac:lastUpdated>)\\s*(<fac:openingStatus>[^<]*</fac:openingStatus>)", "$2$1");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
                        AssertionError.class, () -> Datex2Structure.check(disordered))
                .getMessage()
                .contains("order"));
    }

    private static Schema schema(String resource) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(FeedsTest.class.getResourceAsStream("/" + resource));
    }
}
