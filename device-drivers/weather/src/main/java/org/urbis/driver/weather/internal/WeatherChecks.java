package org.urbis.driver.weather.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * What makes a station's reading trustworthy, for both forms: each quantity within what the weather
 * can physically do (a reading outside is a sensor fault, BAD, never passed on to an ET0 computation),
 * and the sensors the station itself reports faulty. Raises {@code SENSOR_FAULT} (MAJOR) naming the
 * sensors while any is faulty. Called by one thread at a time per station.
 */
final class WeatherChecks {

    static final String SENSOR_FAULT = "SENSOR_FAULT";

    /** Physical bounds of each quantity, by role. */
    private static final Map<String, double[]> BOUNDS = Map.of(
            "airTemperature", new double[] {-40, 60},
            "relativeHumidity", new double[] {0, 100},
            "windSpeed", new double[] {0, 75},
            "solarRadiation", new double[] {0, 1_400},
            "rainToday", new double[] {0, 1_000},
            "pressure", new double[] {50, 110});

    /** The sensors, by the names the JSON form's {@code faults} uses, in the order of the fault bits of the Modbus status. */
    static final List<String> SENSORS =
            List.of("thermo-hygrometer", "anemometer", "pyranometer", "rain-gauge", "barometer");

    private static final Map<String, Integer> SENSOR_OF = Map.of(
            "airTemperature",
            0,
            "relativeHumidity",
            0,
            "windSpeed",
            1,
            "solarRadiation",
            2,
            "rainToday",
            3,
            "pressure",
            4);

    private final DeviceCallback callback;
    private boolean faulty;

    WeatherChecks(DeviceCallback callback) {
        this.callback = callback;
    }

    static boolean known(String role) {
        return BOUNDS.containsKey(role);
    }

    /**
     * Checks one reading.
     *
     * @param faultBits the station's fault bits, 0 when it reports none
     * @param faultNames sensors the station names faulty (the JSON form's {@code faults})
     * @return the values, those of faulty or implausible sensors made BAD / DEVICE_ERROR
     */
    List<Value> check(List<Point> points, List<Value> values, int faultBits, List<String> faultNames) {
        TreeSet<String> faults = new TreeSet<>(faultNames);
        for (int i = 0; i < SENSORS.size(); i++) {
            if ((faultBits & 1 << i) != 0) {
                faults.add(SENSORS.get(i));
            }
        }
        List<Value> out = new ArrayList<>(values.size());
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            Value v = values.get(i);
            String role = p.role();
            Integer sensor = SENSOR_OF.get(role);
            double[] bounds = BOUNDS.get(role);
            if (sensor != null && faults.contains(SENSORS.get(sensor))) {
                v = Value.bad(
                        p.name(),
                        QualityReason.DEVICE_ERROR,
                        "the station reports its " + SENSORS.get(sensor) + " faulty",
                        v.timestamp());
            } else if (bounds != null
                    && v.hasValue()
                    && v.quality() != Quality.BAD
                    && v.value() instanceof Number n
                    && !(n.doubleValue() >= bounds[0] && n.doubleValue() <= bounds[1])) {
                faults.add(SENSORS.get(sensor));
                v = Value.bad(
                        p.name(),
                        QualityReason.DEVICE_ERROR,
                        String.format(
                                Locale.ROOT,
                                "%s reads an implausible %s %s: sensor fault",
                                SENSORS.get(sensor),
                                n,
                                p.unit()),
                        v.timestamp());
            }
            out.add(v);
        }
        boolean now = !faults.isEmpty();
        if (now != faulty) {
            faulty = now;
            callback.alarm(
                    SENSOR_FAULT,
                    AlarmSeverity.MAJOR,
                    now,
                    now ? "faulty: " + String.join(", ", faults) : "every sensor of the station reads plausibly again");
        }
        return out;
    }
}
