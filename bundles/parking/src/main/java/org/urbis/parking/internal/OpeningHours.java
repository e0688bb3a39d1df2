package org.urbis.parking.internal;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Opening hours in OpenStreetMap's {@code opening_hours} syntax, the part parking sites use:
 * {@code 24/7}, and rules separated by {@code ;} of weekdays ({@code Mo-Fr}, {@code Sa,Su}) and
 * times ({@code 07:00-19:00}, several with {@code ,}, past midnight allowed) or {@code off}; a rule
 * without weekdays applies every day; a later rule replaces an earlier one for the days it names.
 * Anything else (public holidays, months, sunrise) is refused with the token named, never skipped.
 */
final class OpeningHours {

    private static final List<String> DAYS = List.of("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su");

    private final String text;
    /** Per weekday, minute ranges [from, to) of the day; a range past midnight goes on into the next day. */
    private final Map<DayOfWeek, List<int[]>> ranges;

    private OpeningHours(String text, Map<DayOfWeek, List<int[]>> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** Parses the text; the exception's message names what is wrong. */
    static OpeningHours parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("opening hours are empty");
        }
        Map<DayOfWeek, List<int[]>> ranges = new EnumMap<>(DayOfWeek.class);
        if (t.equals("24/7")) {
            for (DayOfWeek d : DayOfWeek.values()) {
                ranges.put(d, List.of(new int[] {0, 24 * 60}));
            }
            return new OpeningHours(t, ranges);
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            ranges.put(d, List.of());
        }
        for (String rule : t.split(";")) {
            String r = rule.trim();
            if (r.isEmpty()) {
                continue;
            }
            String[] parts = r.split("\\s+");
            List<DayOfWeek> days;
            int next = 0;
            if (Character.isLetter(parts[0].charAt(0)) && !parts[0].equals("off")) {
                days = days(parts[0]);
                next = 1;
            } else {
                days = List.of(DayOfWeek.values());
            }
            if (next >= parts.length) {
                throw new IllegalArgumentException("rule '" + r + "' names days but no times (or 'off')");
            }
            if (next != parts.length - 1) {
                throw new IllegalArgumentException("rule '" + r + "' has more than days and times: '"
                        + String.join(" ", List.of(parts).subList(next + 1, parts.length)) + "' is not supported");
            }
            List<int[]> times = parts[next].equals("off") ? List.of() : times(parts[next]);
            for (DayOfWeek d : days) {
                ranges.put(d, times);
            }
        }
        return new OpeningHours(t, ranges);
    }

    private static List<DayOfWeek> days(String spec) {
        List<DayOfWeek> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("'" + part + "' is not a day or a range of days");
            }
            int from = day(ends[0]);
            int to = ends.length == 2 ? day(ends[1]) : from;
            for (int i = from; ; i = (i + 1) % 7) {
                out.add(DayOfWeek.of(i + 1));
                if (i == to) {
                    break;
                }
            }
        }
        return out;
    }

    private static int day(String d) {
        int i = DAYS.indexOf(d);
        if (i < 0) {
            throw new IllegalArgumentException("'" + d + "' is not a weekday (Mo Tu We Th Fr Sa Su); public holidays, "
                    + "months and weeks are not supported");
        }
        return i;
    }

    private static List<int[]> times(String spec) {
        List<int[]> out = new ArrayList<>();
        for (String range : spec.split(",")) {
            String[] ends = range.split("-", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("'" + range + "' is not a time range such as 07:00-19:00");
            }
            int from = minutes(ends[0]);
            int to = minutes(ends[1]);
            if (from == to) {
                throw new IllegalArgumentException("'" + range + "' is empty");
            }
            out.add(new int[] {from, to < from ? to + 24 * 60 : to});
        }
        return List.copyOf(out);
    }

    private static int minutes(String hhmm) {
        if (!hhmm.matches("\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException(
                    "'" + hhmm + "' is not a time hh:mm (sunrise and sunset are not supported)");
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (h > 24 || m > 59 || h == 24 && m != 0) {
            throw new IllegalArgumentException("'" + hhmm + "' is not a time of day");
        }
        return h * 60 + m;
    }

    /** Whether the hours hold at a local time of the site. */
    boolean open(LocalDateTime at) {
        int minute = at.getHour() * 60 + at.getMinute();
        for (int[] r : ranges.get(at.getDayOfWeek())) {
            if (minute >= r[0] && minute < r[1]) {
                return true;
            }
        }
        // a range of yesterday that runs past midnight
        for (int[] r : ranges.get(at.getDayOfWeek().minus(1))) {
            if (r[1] > 24 * 60 && minute < r[1] - 24 * 60) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
