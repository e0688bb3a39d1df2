package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.ZoneId;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** What a client needs to show times the way the site reads them. */
@Path("site")
@Tag(name = "site")
@Produces(MediaType.APPLICATION_JSON)
public final class SiteResource {

    private final ServiceSlot<ScheduleManager> schedules;
    private final String version;
    private final Clock clock;

    /** The site's zone and offset now, and the platform's version. */
    public record Site(String zone, String utcOffset, String version) {}

    public SiteResource(ServiceSlot<ScheduleManager> schedules, String version, Clock clock) {
        this.schedules = schedules;
        this.version = version;
        this.clock = clock;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.VENDOR, Role.ADMIN})
    @Operation(
            summary =
                    "The site's time zone (the control settings' site.zone), its UTC offset now, the platform's version")
    public Site site() {
        ZoneId zone = schedules.get().zone();
        return new Site(zone.getId(), zone.getRules().getOffset(clock.instant()).getId(), version);
    }
}
