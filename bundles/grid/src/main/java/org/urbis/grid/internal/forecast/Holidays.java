package org.urbis.grid.internal.forecast;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashSet;
import java.util.Set;

/**
 * Vietnam's public holidays, which load forecasts treat as a day type of their own: New Year's Day, Tết Nguyên Đán
 * (the lunar new year: from two days before it to four days after, as the government's holiday usually runs),
 * the Hùng Kings' day, Reunification Day, Labour Day and National Day (2 September and the day after), and any
 * days a feeder file adds.
 */
public final class Holidays {

    /** The first day of the lunar new year, which moves with the moon. */
    private static final LocalDate[] TET = {
        LocalDate.of(2024, 2, 10),
        LocalDate.of(2025, 1, 29),
        LocalDate.of(2026, 2, 17),
        LocalDate.of(2027, 2, 6),
        LocalDate.of(2028, 1, 26),
        LocalDate.of(2029, 2, 13),
        LocalDate.of(2030, 2, 3),
        LocalDate.of(2031, 1, 23),
        LocalDate.of(2032, 2, 11)
    };
    /** The Hùng Kings' day, the 10th of the third lunar month. */
    private static final LocalDate[] HUNG_KINGS = {
        LocalDate.of(2024, 4, 18),
        LocalDate.of(2025, 4, 7),
        LocalDate.of(2026, 4, 26),
        LocalDate.of(2027, 4, 16),
        LocalDate.of(2028, 4, 4),
        LocalDate.of(2029, 4, 23),
        LocalDate.of(2030, 4, 12)
    };

    private static final Set<MonthDay> FIXED =
            Set.of(MonthDay.of(1, 1), MonthDay.of(4, 30), MonthDay.of(5, 1), MonthDay.of(9, 2), MonthDay.of(9, 3));

    private final Set<LocalDate> extra;
    private final Set<LocalDate> lunar = new HashSet<>();

    public Holidays(Set<LocalDate> extra) {
        this.extra = Set.copyOf(extra);
        for (LocalDate t : TET) {
            for (int d = -2; d <= 4; d++) {
                lunar.add(t.plusDays(d));
            }
        }
        lunar.addAll(Set.of(HUNG_KINGS));
    }

    public static final Holidays NATIONAL = new Holidays(Set.of());

    public boolean isHoliday(LocalDate date) {
        return FIXED.contains(MonthDay.from(date)) || lunar.contains(date) || extra.contains(date);
    }

    /** The first day of Tết in a year, for the benchmark's calendar; empty outside the table. */
    public static LocalDate tet(int year) {
        for (LocalDate t : TET) {
            if (t.getYear() == year) {
                return t;
            }
        }
        throw new IllegalArgumentException("no Tết date known for " + year);
    }
}
