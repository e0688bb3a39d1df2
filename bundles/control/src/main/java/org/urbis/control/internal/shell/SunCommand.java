package org.urbis.control.internal.shell;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.runtime.SiteZone;
import org.urbis.astro.SolarCalculator;
import org.urbis.astro.SolarEvent;
import org.urbis.shell.parsing.SignedNumbers;

/** Prints sunrise, sunset and civil twilight of a place and date. */
@Command(scope = "urbis", name = "sun", description = "Sunrise, sunset, civil dawn and civil dusk of a place and date")
@Service
@Parsing(SignedNumbers.class)
public class SunCommand implements Action {

    /** Zone when the control service is not there to give the site's. */
    static final String DEFAULT_ZONE = "Asia/Ho_Chi_Minh";

    @Argument(index = 0, name = "lat", description = "Latitude, degrees north (negative south)", required = true)
    double latitude;

    @Argument(index = 1, name = "lon", description = "Longitude, degrees east (negative west)", required = true)
    double longitude;

    @Argument(index = 2, name = "date", description = "The date, yyyy-mm-dd", required = true)
    String date;

    @Argument(index = 3, name = "zone", description = "Time zone such as Europe/Oslo; default the site's (site.zone)")
    String zone;

    @Reference(optional = true)
    SiteZone site;

    @Override
    public Object execute() {
        ZoneId z = ZoneId.of(zone != null ? zone : site != null ? site.zone().getId() : DEFAULT_ZONE);
        lines(latitude, longitude, LocalDate.parse(date), z).forEach(System.out::println);
        return null;
    }

    /** The four lines: {@code sunrise <t>}, {@code sunset <t>}, {@code civil-dawn <t>}, {@code civil-dusk <t>}. */
    static List<String> lines(double latitude, double longitude, LocalDate date, ZoneId zone) {
        Map<SolarEvent, Optional<ZonedDateTime>> day = SolarCalculator.day(latitude, longitude, date, zone);
        List<String> lines = new ArrayList<>();
        for (SolarEvent e :
                new SolarEvent[] {SolarEvent.SUNRISE, SolarEvent.SUNSET, SolarEvent.CIVIL_DAWN, SolarEvent.CIVIL_DUSK
                }) {
            lines.add(e.label() + " "
                    + day.get(e)
                            .map(t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.plusNanos(500_000_000)
                                    .truncatedTo(ChronoUnit.SECONDS)
                                    .toOffsetDateTime()))
                            .orElse("none"));
        }
        return lines;
    }
}
