package org.urbis.control.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SunCommandTest {

    @Test
    void printsFourIsoLinesInTheZone() {
        List<String> lines =
                SunCommand.lines(10.93, 108.10, LocalDate.parse("2026-06-21"), ZoneId.of(SunCommand.DEFAULT_ZONE));
        assertEquals(4, lines.size());
        String[] names = {"sunrise ", "sunset ", "civil-dawn ", "civil-dusk "};
        for (int i = 0; i < 4; i++) {
            assertTrue(lines.get(i).matches(names[i] + "2026-06-21T\\d\\d:\\d\\d:\\d\\d\\+07:00"), lines.get(i));
        }
    }

    @Test
    void printsNoneInPolarDay() {
        assertEquals(
                List.of("sunrise none", "sunset none", "civil-dawn none", "civil-dusk none"),
                SunCommand.lines(69.6492, 18.9553, LocalDate.parse("2026-06-21"), ZoneId.of("Europe/Oslo")));
    }

    @Test
    void expiryIsSecondsOrAnIsoDuration() {
        assertEquals(Duration.ofSeconds(90), SendCommand.parseExpiry("90"));
        assertEquals(Duration.ofMinutes(5), SendCommand.parseExpiry("PT5M"));
        assertThrows(RuntimeException.class, () -> SendCommand.parseExpiry("soon"));
        assertThrows(IllegalArgumentException.class, () -> SendCommand.parseExpiry("0"));
    }
}
