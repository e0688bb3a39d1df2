package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.Views;
import org.urbis.rest.internal.events.EventHub;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The devices of the site with their health; one device with its points, values, health history and alarms. */
@Path("devices")
@Tag(name = "devices")
@Produces(MediaType.APPLICATION_JSON)
public final class DevicesResource {

    private final DeviceRegistry registry;
    private final EventHub events;
    private final EncodedSummaries summaries = new EncodedSummaries();
    private volatile AlarmsByDevice alarms = new AlarmsByDevice(-1, Map.of());

    /** The active alarms by device, as they were when {@code changes} alarm changes had been seen. */
    private record AlarmsByDevice(long changes, Map<String, List<Views.AlarmView>> byDevice) {}

    /** A list of devices, each entry a {@link Views.DeviceSummary} encoded beforehand. */
    public record DeviceList(
            @ArraySchema(schema = @Schema(implementation = Views.DeviceSummary.class))
            List<EncodedSummaries.Entry> devices,

            int count) {}

    public DevicesResource(DeviceRegistry registry, EventHub events) {
        this.registry = registry;
        this.events = events;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Devices, filtered by class, group (key=value or a tag value), health and a bounding box")
    public DeviceList list(
            @QueryParam("class") String deviceClass,
            @QueryParam("group") String group,
            @QueryParam("health") String health,
            @Parameter(description = "minLon,minLat,maxLon,maxLat") @QueryParam("bbox") String bbox) {
        DeviceQuery query;
        try {
            query = new DeviceQuery(
                    blank(deviceClass) ? null : DeviceClass.of(deviceClass),
                    blank(group) ? null : group.trim(),
                    blank(health) ? null : HealthStatus.valueOf(health.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST",
                    "class must be a device class id and health one of " + List.of(HealthStatus.values()) + ": "
                            + e.getMessage());
        }
        double[] box = blank(bbox) ? null : bbox(bbox);
        List<DeviceSnapshot> snapshots = registry.find(query);
        if (box == null && query.equals(DeviceQuery.ALL)) {
            summaries.keepOnly(snapshots);
        }
        List<EncodedSummaries.Entry> found = snapshots.stream()
                .filter(s -> box == null || inside(s, box))
                .map(summaries::of)
                .toList();
        return new DeviceList(found, found.size());
    }

    @GET
    @Path("{id}")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "One device: points with last values and quality, recent health changes, active alarms")
    public Views.DeviceDetail device(@PathParam("id") String id) {
        DeviceSnapshot s = registry.snapshot(id)
                .orElseThrow(() -> ProblemException.notFound("UNKNOWN_DEVICE", "no device '" + id + "'"));
        return Views.DeviceDetail.of(s, events.healthHistory(id), activeAlarms(id));
    }

    /**
     * The device's active alarms. Collecting them means reading every device of the registry, so they are collected
     * once after each alarm change rather than on every request; the count of changes is read first, so a change
     * made while they are collected makes the next request collect them again.
     */
    private List<Views.AlarmView> activeAlarms(String id) {
        AlarmsByDevice known = alarms;
        long changes = events.alarmChanges();
        if (known.changes() != changes) {
            known = new AlarmsByDevice(
                    changes,
                    registry.activeAlarms().stream()
                            .collect(Collectors.groupingBy(
                                    Alarm::deviceId, Collectors.mapping(Views.AlarmView::of, Collectors.toList()))));
            alarms = known;
        }
        return known.byDevice().getOrDefault(id, List.of());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** minLon, minLat, maxLon, maxLat, checked as locations. */
    static double[] bbox(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length != 4) {
                throw new IllegalArgumentException("four numbers are needed");
            }
            double[] b = new double[4];
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
            }
            new GeoLocation(b[1], b[0]);
            new GeoLocation(b[3], b[2]);
            if (b[0] > b[2] || b[1] > b[3]) {
                throw new IllegalArgumentException("the minimum lies above the maximum");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "INVALID_REQUEST", "bbox is minLon,minLat,maxLon,maxLat: " + e.getMessage());
        }
    }

    private static boolean inside(DeviceSnapshot s, double[] box) {
        GeoLocation l = s.device().location();
        return l != null
                && l.longitude() >= box[0]
                && l.latitude() >= box[1]
                && l.longitude() <= box[2]
                && l.latitude() <= box[3];
    }
}
