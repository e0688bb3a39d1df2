package org.urbis.driver.irrigation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/**
 * The controller's JSON replies, decoded into what the driver uses and checked field by field: a
 * field missing or of the wrong type or range is a COMM_ERROR naming it, never a guess.
 */
final class OpenSprinklerReplies {

    /** {@code tz} of the options: 48 + quarter hours east of UTC; the firmware allows UTC-12 to UTC+14. */
    static final int TZ_MIN = 0;

    static final int TZ_MAX = 104;

    private OpenSprinklerReplies() {}

    /**
     * What {@code /jc} says.
     *
     * @param localTime    {@code devt}: the controller's clock, local time as epoch seconds
     * @param enabled      {@code en}: the controller runs programs and stations
     * @param sensor1      {@code sn1}: sensor 1 is active
     * @param sensor2      {@code sn2}: sensor 2 is active (0 on controllers without one)
     * @param rainDelayEnd {@code rdst}: local time the rain delay ends, 0 when none is set
     * @param open         every station's valve, from {@code sbits}
     * @param remaining    every station's remaining run time, s, from {@code ps}
     * @param start        every station's run start, local time, from {@code ps}
     * @param flowCount    {@code flcrt}: flow-sensor pulses in the last window
     * @param flowWindow   {@code flwrt}: that window, s
     */
    record Variables(
            long localTime,
            boolean enabled,
            boolean sensor1,
            boolean sensor2,
            long rainDelayEnd,
            boolean[] open,
            long[] remaining,
            long[] start,
            long flowCount,
            long flowWindow) {

        int stations() {
            return open.length;
        }

        /** The length of the station's current or queued run, s: 0 when it has none. */
        long runLength(int sid) {
            return remaining[sid] <= 0 ? 0 : remaining[sid] + Math.max(0, localTime - start[sid]);
        }

        /** Hours of rain delay left, rounded up: 0 when none. */
        long rainDelayHours() {
            return rainDelayEnd <= localTime ? 0 : (rainDelayEnd - localTime + 3599) / 3600;
        }
    }

    /**
     * What {@code /jo} says.
     *
     * @param tz             the time-zone option
     * @param waterLevel     {@code wl}, %
     * @param master         {@code mas}: the master station, 1-based; 0 for none
     * @param sensor1Type    {@code sn1t} (1 rain, 2 flow, 3 soil, 240 program switch, 0 none)
     * @param sensor2Type    {@code sn2t}
     * @param pulseCentilitres litres per flow pulse × 100, from {@code fpr0}/{@code fpr1}
     */
    record Options(int tz, int waterLevel, int master, int sensor1Type, int sensor2Type, long pulseCentilitres) {

        static final int RAIN = 1;
        static final int FLOW = 2;

        /** A local time of the controller as the instant it means. */
        Instant utc(long localEpochSeconds) {
            return Instant.ofEpochSecond(localEpochSeconds - (tz - 48) * 900L);
        }
    }

    /** One run of the run log: a station's run, ended at a local time. */
    record LogEntry(int program, int station, long seconds, long endLocal) {}

    static Variables variables(JsonNode jc) throws DriverException {
        object(jc, "/jc");
        int boards = (int) number(jc, "nbrd", "/jc", 1, 25);
        int stations = boards * 8;
        JsonNode sbits = array(jc, "sbits", "/jc");
        JsonNode ps = array(jc, "ps", "/jc");
        if (sbits.size() < boards) {
            throw bad("/jc", "sbits has " + sbits.size() + " boards, nbrd says " + boards);
        }
        if (ps.size() < stations) {
            throw bad("/jc", "ps has " + ps.size() + " stations, nbrd says " + stations);
        }
        boolean[] open = new boolean[stations];
        long[] remaining = new long[stations];
        long[] start = new long[stations];
        for (int b = 0; b < boards; b++) {
            JsonNode bits = sbits.get(b);
            if (!bits.canConvertToInt() || bits.asInt() < 0 || bits.asInt() > 255) {
                throw bad("/jc", "sbits[" + b + "] is not a board's bits");
            }
            for (int i = 0; i < 8; i++) {
                open[b * 8 + i] = (bits.asInt() & 1 << i) != 0;
            }
        }
        for (int s = 0; s < stations; s++) {
            JsonNode entry = ps.get(s);
            if (!entry.isArray()
                    || entry.size() < 3
                    || !entry.get(1).canConvertToLong()
                    || !entry.get(2).canConvertToLong()
                    || !entry.get(1).isIntegralNumber()
                    || !entry.get(2).isIntegralNumber()) {
                throw bad("/jc", "ps[" + s + "] is not [program, remaining, start, ...]");
            }
            remaining[s] = entry.get(1).asLong();
            start[s] = entry.get(2).asLong();
            if (remaining[s] < 0 || remaining[s] > 86_400 * 7 || start[s] < 0) {
                throw bad(
                        "/jc", "ps[" + s + "] holds an impossible run (" + remaining[s] + " s from " + start[s] + ")");
            }
        }
        long localTime = number(jc, "devt", "/jc", 0, 1L << 40);
        boolean rainDelay = number(jc, "rd", "/jc", 0, 1) == 1;
        long rdst = rainDelay ? number(jc, "rdst", "/jc", 0, 1L << 40) : 0;
        return new Variables(
                localTime,
                number(jc, "en", "/jc", 0, 1) == 1,
                number(jc, "sn1", "/jc", 0, 1) == 1,
                optional(jc, "sn2", "/jc", 0, 1) == 1,
                rdst,
                open,
                remaining,
                start,
                optional(jc, "flcrt", "/jc", 0, Integer.MAX_VALUE),
                optional(jc, "flwrt", "/jc", 0, 86_400));
    }

    static Options options(JsonNode jo) throws DriverException {
        object(jo, "/jo");
        long fpr = optional(jo, "fpr0", "/jo", 0, 255) + (optional(jo, "fpr1", "/jo", 0, 255) << 8);
        return new Options(
                (int) number(jo, "tz", "/jo", TZ_MIN, TZ_MAX),
                (int) number(jo, "wl", "/jo", 0, 250),
                (int) optional(jo, "mas", "/jo", 0, 200),
                (int) optional(jo, "sn1t", "/jo", 0, 255),
                (int) optional(jo, "sn2t", "/jo", 0, 255),
                fpr);
    }

    static List<LogEntry> log(JsonNode jl) throws DriverException {
        if (!jl.isArray()) {
            throw bad("/jl", "the run log is not a list");
        }
        List<LogEntry> entries = new ArrayList<>();
        for (JsonNode e : jl) {
            if (!e.isArray() || e.size() < 4) {
                throw bad("/jl", "a run log entry is not [program, station, seconds, end]");
            }
            if (!e.get(1).isIntegralNumber()) {
                continue; // rain delay, sensor and flow records name their kind here ("rd", "s1", "fl", ...)
            }
            if (!e.get(0).isIntegralNumber()
                    || !e.get(2).isIntegralNumber()
                    || !e.get(3).isIntegralNumber()
                    || e.get(1).asLong() < 0
                    || e.get(1).asLong() >= PointRole.MAX_ZONES
                    || e.get(2).asLong() < 0
                    || e.get(3).asLong() < 0) {
                throw bad("/jl", "a run log entry is not [program, station, seconds, end]");
            }
            entries.add(new LogEntry(
                    e.get(0).asInt(),
                    e.get(1).asInt(),
                    e.get(2).asLong(),
                    e.get(3).asLong()));
        }
        return entries;
    }

    private static void object(JsonNode n, String what) throws DriverException {
        if (!n.isObject()) {
            throw bad(what, "the reply is not a JSON object");
        }
    }

    private static JsonNode array(JsonNode n, String field, String what) throws DriverException {
        JsonNode a = n.get(field);
        if (a == null || !a.isArray()) {
            throw bad(what, "field '" + field + "' is missing or not a list");
        }
        return a;
    }

    private static long number(JsonNode n, String field, String what, long min, long max) throws DriverException {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(what, "field '" + field + "' is missing or not a whole number");
        }
        return range(v.asLong(), field, what, min, max);
    }

    private static long optional(JsonNode n, String field, String what, long min, long max) throws DriverException {
        JsonNode v = n.get(field);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(what, "field '" + field + "' is not a whole number");
        }
        return range(v.asLong(), field, what, min, max);
    }

    private static long range(long v, String field, String what, long min, long max) throws DriverException {
        if (v < min || v > max) {
            throw bad(what, "field '" + field + "' is " + v + ", outside " + min + "-" + max);
        }
        return v;
    }

    private static DriverException bad(String what, String why) {
        return new DriverException(
                QualityReason.COMM_ERROR, "the controller's reply to " + what + " is not usable: " + why);
    }
}
