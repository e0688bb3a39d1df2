package org.urbis.testing;

/** Schedules written as the JSON operators write, for the tests and benchmarks. */
public final class Schedules {

    private Schedules() {}

    /** Dusk to dawn with a part-night dimming, weekends and one holiday differ. */
    public static String thurrock(String id, String group) {
        return """
                {"id": "%s", "group": "%s",
                 "programs": {
                   "night": {"steps": [{"at": "sunset", "offset": -10, "level": 70}, {"at": "00:00", "level": 50},
                                       {"at": "05:00", "level": 70},
                                       {"at": "sunrise", "offset": 15, "earliest": "05:30", "latest": "07:00", "level": 0}]},
                   "weekend": {"steps": [{"at": "sunset", "level": 100}, {"at": "sunrise", "level": 0}]},
                   "holiday": {"steps": [{"at": "civil-dusk", "level": 100}, {"at": "civil-dawn", "level": 0}]}
                 },
                 "calendar": {"rules": [{"name": "new-year", "dates": ["2026-01-01"], "program": "holiday"},
                                        {"name": "weekend", "days": ["SAT", "SUN"], "program": "weekend"}],
                              "default": "night"}}
                """.formatted(id, group);
    }
}
