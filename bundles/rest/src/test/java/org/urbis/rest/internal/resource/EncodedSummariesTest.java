package org.urbis.rest.internal.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.rest.internal.RestApplication;
import org.urbis.rest.internal.Views;

class EncodedSummariesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Device LAMP = new Device(
            "SL-1",
            DeviceClass.STREETLIGHT,
            "streetlight",
            "node/1",
            new GeoLocation(10.93, 108.1),
            Map.of("zone", "Z1", "cabinet", "CAB-1"),
            List.of(),
            null,
            null);

    private static DeviceSnapshot lamp(
            Device device, HealthStatus status, String message, Instant since, Instant lastSeen) {
        return new DeviceSnapshot(
                device,
                new DeviceHealth(device.id(), status, HealthDetail.NONE, message, since, lastSeen, 0, 0),
                Map.of());
    }

    @Test
    void aListOfEncodedEntriesReadsAsTheSummariesWrittenByJackson() throws Exception {
        DeviceSnapshot s = lamp(LAMP, HealthStatus.ONLINE, "", T0, T0);
        EncodedSummaries summaries = new EncodedSummaries();
        DevicesResource.DeviceList list = new DevicesResource.DeviceList(List.of(summaries.of(s)), 1);
        assertEquals(
                JSON.readTree(
                        JSON.writeValueAsString(Map.of("devices", List.of(Views.DeviceSummary.of(s)), "count", 1))),
                JSON.readTree(JSON.writeValueAsString(list)));
    }

    @Test
    void theDescriptionStillShowsTheEntriesAsDeviceSummaries() {
        OpenAPI api = OpenApiResource.describe(RestApplication.API_RESOURCES, "test");
        Schema<?> devices = (Schema<?>) api.getComponents()
                .getSchemas()
                .get("DeviceList")
                .getProperties()
                .get("devices");
        assertEquals("#/components/schemas/DeviceSummary", devices.getItems().get$ref());
        assertTrue(api.getComponents()
                .getSchemas()
                .get("DeviceSummary")
                .getProperties()
                .containsKey("health"));
    }

    @Test
    void anEntryIsEncodedAgainOnlyWhenWhatItShowsChanged() {
        EncodedSummaries summaries = new EncodedSummaries();
        EncodedSummaries.Entry first = summaries.of(lamp(LAMP, HealthStatus.ONLINE, "", T0, T0));
        // a poll moves only lastSeen, which a list does not show
        assertSame(first, summaries.of(lamp(LAMP, HealthStatus.ONLINE, "", T0, T0.plusSeconds(10))));
        assertNotSame(first, summaries.of(lamp(LAMP, HealthStatus.OFFLINE, "no answer", T0.plusSeconds(20), T0)));
        EncodedSummaries.Entry offline =
                summaries.of(lamp(LAMP, HealthStatus.OFFLINE, "no answer", T0.plusSeconds(20), T0));
        Device moved = new Device(
                "SL-1",
                DeviceClass.STREETLIGHT,
                "streetlight",
                "node/1",
                new GeoLocation(10.94, 108.1),
                LAMP.tags(),
                List.of(),
                null,
                null);
        assertNotSame(offline, summaries.of(lamp(moved, HealthStatus.OFFLINE, "no answer", T0.plusSeconds(20), T0)));
    }

    @Test
    void entriesOfDevicesNoLongerThereAreForgotten() {
        EncodedSummaries summaries = new EncodedSummaries();
        DeviceSnapshot one = lamp(LAMP, HealthStatus.ONLINE, "", T0, T0);
        DeviceSnapshot two = lamp(
                new Device("SL-2", DeviceClass.STREETLIGHT, "streetlight", "node/2", null, null, List.of(), null, null),
                HealthStatus.ONLINE,
                "",
                T0,
                T0);
        EncodedSummaries.Entry kept = summaries.of(one);
        EncodedSummaries.Entry gone = summaries.of(two);
        summaries.keepOnly(List.of(one));
        assertSame(kept, summaries.of(one));
        assertNotSame(gone, summaries.of(two));
    }
}
