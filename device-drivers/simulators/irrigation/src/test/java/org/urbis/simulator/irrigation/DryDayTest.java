package org.urbis.simulator.irrigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** A dry-season day in Phan Thiet looks like one: cool humid dawn, hot dry afternoon breeze, sun only by day. */
class DryDayTest {

    private static DryDay.Conditions at(String localTime) {
        Instant t = ZonedDateTime.of(LocalDate.of(2027, 2, 15), LocalTime.parse(localTime), DryDay.ZONE)
                .toInstant();
        return DryDay.at(t);
    }

    @Test
    void theDaysCourseIsPlausible() {
        DryDay.Conditions dawn = at("06:00");
        DryDay.Conditions afternoon = at("14:00");
        assertEquals(23.5, dawn.airTemperature(), 0.01);
        assertEquals(32.0, afternoon.airTemperature(), 0.01);
        assertTrue(
                dawn.relativeHumidity() > 80 && afternoon.relativeHumidity() < 60,
                dawn.relativeHumidity() + " / " + afternoon.relativeHumidity());
        assertTrue(afternoon.windSpeed() > 5 && dawn.windSpeed() < 2);
        assertEquals(0, at("02:00").solarRadiation());
        double noon = at("11:50").solarRadiation();
        assertTrue(noon > 800 && noon < 1000, "clear-sky noon " + noon);
        assertTrue(at("08:00").solarRadiation() < noon && at("08:00").solarRadiation() > 0);
        for (int h = 0; h < 24; h++) {
            DryDay.Conditions c = at(String.format("%02d:30", h));
            assertTrue(c.pressure() > 100.8 && c.pressure() < 101.2);
            assertTrue(c.relativeHumidity() > 0 && c.relativeHumidity() <= 100);
        }
    }
}
