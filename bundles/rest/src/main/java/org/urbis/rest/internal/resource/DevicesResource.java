package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
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

    /** A list of devices. */
    public record DeviceList(List<Views.DeviceSummary> devices, int count) {
    }

    public DevicesResource(DeviceRegistry registry, EventHub events) {
        this.registry = registry;
        this.events = events;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Devices, filtered by class, group (key=value or a tag value), health and a bounding box")
    public DeviceList list(@QueryParam("class") String deviceClass, @QueryParam("group") String group,
            @QueryParam("health") String health,
            @Parameter(description = "minLon,minLat,maxLon,maxLat") @QueryParam("bbox") String bbox) {
        DeviceQuery query;
        try {
            query = new DeviceQuery(blank(deviceClass) ? null : DeviceClass.of(deviceClass), blank(group) ? null : group.trim(),
                    blank(health) ? null : HealthStatus.valueOf(health.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", "class must be a device class id and health one of "
                    + List.of(HealthStatus.values()) + ": " + e.getMessage());
        }
        double[] box = blank(bbox) ? null : bbox(bbox);
        List<Views.DeviceSummary> found = registry.find(query).stream().filter(s -> box == null || inside(s, box))
                .map(Views.DeviceSummary::of).toList();
        return new DeviceList(found, found.size());
    }

    @GET
    @Path("{id}")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "One device: points with last values and quality, recent health changes, active alarms")
    public Views.DeviceDetail device(@PathParam("id") String id) {
        DeviceSnapshot s = registry.snapshot(id)
                .orElseThrow(() -> ProblemException.notFound("UNKNOWN_DEVICE", "no device '" + id + "'"));
        List<Views.AlarmView> alarms = registry.activeAlarms().stream().filter(a -> a.deviceId().equals(id))
                .map(Views.AlarmView::of).toList();
        return Views.DeviceDetail.of(s, events.healthHistory(id), alarms);
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
            throw ProblemException.badRequest("INVALID_REQUEST", "bbox is minLon,minLat,maxLon,maxLat: " + e.getMessage());
        }
    }

    private static boolean inside(DeviceSnapshot s, double[] box) {
        GeoLocation l = s.device().location();
        return l != null && l.longitude() >= box[0] && l.latitude() >= box[1] && l.longitude() <= box[2]
                && l.latitude() <= box[3];
    }
}
