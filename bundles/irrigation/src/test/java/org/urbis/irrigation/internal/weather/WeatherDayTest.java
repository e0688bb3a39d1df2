package org.urbis.irrigation.internal.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.urbis.irrigation.internal.et0.Fao56;

class WeatherDayTest {

    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final LocalDate JULY_6 = LocalDate.parse("2026-07-06");
    private static final double LAT = 50 + 48 / 60.0;

    private static WeatherDay day() {
        return new WeatherDay(
                JULY_6,
                JULY_6.atStartOfDay(BRUSSELS).toInstant(),
                JULY_6.plusDays(1).atStartOfDay(BRUSSELS).toInstant());
    }

    private static Instant at(int hour, int minute) {
        return JULY_6.atTime(hour, minute).atZone(BRUSSELS).toInstant();
    }

    /**
     * FAO-56 Example 18's day as a station reports it: temperature and humidity through the day, wind 10 km/h at
     * 10 m, and radiation whose integral is the example's Rs 22.07 MJ/m² (held readings: 0 at night, 510.9 W/m²
     * for the 12 hours 06:00-18:00: 510.9 × 43 200 s = 22.07 MJ). ET0 = 3.9 mm/day as in the paper.
     */
    @Test
    void examples18DayFromReadings() {
        WeatherDay d = day();
        d.add(WeatherDay.WIND_SPEED, 10 / 3.6, at(0, 0));
        d.add(WeatherDay.SOLAR_RADIATION, 0, at(0, 0));
        d.add(WeatherDay.AIR_TEMPERATURE, 12.3, at(5, 0));
        d.add(WeatherDay.RELATIVE_HUMIDITY, 84, at(5, 0));
        d.add(WeatherDay.SOLAR_RADIATION, 22.07e6 / 43_200, at(6, 0));
        d.add(WeatherDay.AIR_TEMPERATURE, 21.5, at(15, 0));
        d.add(WeatherDay.RELATIVE_HUMIDITY, 63, at(15, 0));
        d.add(WeatherDay.SOLAR_RADIATION, 0, at(18, 0));
        d.add(WeatherDay.RAIN_TODAY, 0.4, at(20, 0));
        Et0Day closed = d.close(LAT, 100, 10);
        assertEquals(3.9, closed.et0(), 0.05);
        assertTrue(closed.method().startsWith("Penman-Monteith"), closed.method());
        assertEquals(0.4, closed.rain());
    }

    @Test
    void theTemperaturesSoFarGiveHargreavesWithoutClosingTheDay() {
        WeatherDay d = day();
        d.add(WeatherDay.AIR_TEMPERATURE, 12.3, at(5, 0));
        assertFalse(d.hargreavesSoFar(LAT).isPresent(), "one reading is no range yet");
        d.add(WeatherDay.AIR_TEMPERATURE, 21.5, at(15, 0));
        assertEquals(
                Fao56.hargreaves(LAT, JULY_6.getDayOfYear(), 21.5, 12.3),
                d.hargreavesSoFar(LAT).getAsDouble(),
                1e-9);
        d.add(WeatherDay.AIR_TEMPERATURE, 23.0, at(16, 0));
        assertEquals(
                Fao56.hargreaves(LAT, JULY_6.getDayOfYear(), 23.0, 12.3),
                d.close(LAT, 100, 2).et0(),
                1e-9,
                "the day goes on and closes with every reading");
    }

    @Test
    void onlyTemperatureGivesHargreavesAndSaysWhy() {
        WeatherDay d = day();
        d.add(WeatherDay.AIR_TEMPERATURE, 12.3, at(5, 0));
        d.add(WeatherDay.AIR_TEMPERATURE, 21.5, at(15, 0));
        Et0Day closed = d.close(LAT, 100, 2);
        assertEquals(Fao56.hargreaves(LAT, JULY_6.getDayOfYear(), 21.5, 12.3), closed.et0(), 1e-9);
        assertEquals("Hargreaves (T 12.3-21.5 °C; no humidity)", closed.method());
    }

    @Test
    void radiationFromNoonOnlyIsNotADay() {
        WeatherDay d = day();
        d.add(WeatherDay.WIND_SPEED, 2, at(0, 0));
        d.add(WeatherDay.AIR_TEMPERATURE, 12.3, at(5, 0));
        d.add(WeatherDay.AIR_TEMPERATURE, 21.5, at(15, 0));
        d.add(WeatherDay.RELATIVE_HUMIDITY, 84, at(5, 0));
        d.add(WeatherDay.RELATIVE_HUMIDITY, 63, at(15, 0));
        d.add(WeatherDay.SOLAR_RADIATION, 500, at(12, 0));
        Et0Day closed = d.close(LAT, 100, 2);
        assertTrue(closed.method().contains("radiation known for 12.0 h"), closed.method());
        WeatherDay next = d.next(JULY_6.plusDays(2).atStartOfDay(BRUSSELS).toInstant());
        next.add(
                WeatherDay.AIR_TEMPERATURE,
                20,
                JULY_6.plusDays(1).atTime(3, 0).atZone(BRUSSELS).toInstant());
        next.add(
                WeatherDay.RELATIVE_HUMIDITY,
                70,
                JULY_6.plusDays(1).atTime(3, 0).atZone(BRUSSELS).toInstant());
        assertFalse(
                next.close(LAT, 100, 2).method().contains("radiation known"), "the held readings carry over midnight");
    }
}
