package org.urbis.control.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.api.schedule.GroupOverride;
import org.urbis.control.internal.schedule.Schedule;
import org.urbis.control.internal.schedule.ScheduleFormat;
import org.urbis.control.internal.schedule.ScheduleService;
import org.urbis.control.internal.schedule.Site;
import org.urbis.control.internal.schedule.Timeline;

class ScheduleCommandsTest {

    @Test
    void previewPrintsIsoTimesWithOffsetAndLevels() {
        Schedule s = ScheduleFormat.parse("""
                {"id": "p", "group": "zone=Z", "programs": {"p": {"steps": [{"at": "00:00", "level": 50},
                 {"at": "sunrise", "level": 0}, {"at": "sunset", "offset": -10, "level": 70}]}}, "calendar": {"default": "p"}}""");
        Timeline t = new Timeline(new Site(ZoneId.of("Asia/Ho_Chi_Minh"), 10.93, 108.10));
        LocalDate day = LocalDate.parse("2026-06-21");
        List<String> lines = SchedulePreviewCommand.lines(
                t.between(s, day, day).stream().map(ScheduleService::planned).toList());
        assertEquals(3, lines.size());
        assertEquals("2026-06-21T00:00:00+07:00 50 p step 1", lines.get(0));
        assertTrue(lines.get(1).matches("2026-06-21T05:\\d\\d:\\d\\d\\+07:00 0 p step 2"), lines.get(1));
        assertTrue(lines.get(2).matches("2026-06-21T18:\\d\\d:\\d\\d\\+07:00 70 p step 3"), lines.get(2));
    }

    @Test
    void anOverrideShowsItsEndInTheSiteZone() {
        GroupOverride o = new GroupOverride(
                "zone=Z", 100, Instant.parse("2026-06-21T12:00:00Z"), Instant.parse("2026-06-21T16:00:00Z"), "otto");
        assertEquals(
                "100 % until 2026-06-21 23:00:00 +07:00", OverrideCommand.held(o, () -> ZoneId.of("Asia/Ho_Chi_Minh")));
    }

    @Test
    void untilIsAnIsoTimeWithOffset() {
        assertEquals(Instant.parse("2026-06-21T16:00:00Z"), OverrideCommand.parseUntil("2026-06-21T23:00+07:00"));
    }
}
