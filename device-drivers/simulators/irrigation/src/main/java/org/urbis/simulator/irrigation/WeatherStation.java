package org.urbis.simulator.irrigation;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A weather station living through {@link DryDay}s, on Modbus TCP (unit 1) and, when given a broker,
 * publishing the same readings as JSON (see {@link #json}). Its input registers:
 *
 * <pre>
 * ir:0  air temperature, int16, 0.1 °C
 * ir:1  relative humidity, uint16, 0.1 %
 * ir:2  wind speed, uint16, 0.01 m/s
 * ir:3  solar radiation (global, horizontal), uint16, W/m²
 * ir:4  rain since local midnight, uint16, 0.1 mm
 * ir:5  barometric pressure, uint16, 0.01 kPa
 * ir:6  sensor faults, bits: 0 thermo-hygrometer, 1 anemometer, 2 pyranometer, 3 rain gauge, 4 barometer
 * </pre>
 *
 * A faulty sensor's register holds 0x7FFF and its bit is set.
 */
public final class WeatherStation implements AutoCloseable {

    /** What a register holds while its sensor is faulty. */
    public static final int FAULT_VALUE = 0x7FFF;

    /** The station's sensors, in the order of the fault bits. */
    public enum Sensor {
        THERMO_HYGROMETER,
        ANEMOMETER,
        PYRANOMETER,
        RAIN_GAUGE,
        BAROMETER
    }

    private final SimpleInputRegister[] input = new SimpleInputRegister[8];
    private final Clock clock;
    private final ModbusSlave slave;
    private final int port;
    private final ScheduledExecutorService timer;
    private int faults;
    private double rainToday;
    private LocalDate rainDay;
    private DryDay.Conditions last;

    /**
     * Starts the station on {@code bind}:{@code port} (0 picks a free port), reading its sensors every
     * {@code tickMillis} on {@code clock}'s time.
     */
    public WeatherStation(InetAddress bind, int port, Clock clock, long tickMillis) throws IOException {
        this.clock = clock;
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = new SimpleInputRegister(0);
            image.addInputRegister(input[i]);
        }
        step();
        this.port = port != 0 ? port : Simulators.freePort(bind);
        slave = Simulators.unit1(bind, this.port, image, "the weather station simulator");
        timer = Simulators.timer("weather-station-simulator-" + this.port);
        timer.scheduleAtFixedRate(this::step, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** On 127.0.0.1, a free port, the system clock, sensors read every 500 ms. */
    public static WeatherStation start() throws IOException {
        return new WeatherStation(InetAddress.getLoopbackAddress(), 0, Clock.systemUTC(), 500);
    }

    public int port() {
        return port;
    }

    public String address() {
        return "tcp://127.0.0.1:" + port + "/unit=1";
    }

    /** Reads the sensors now. */
    public synchronized void step() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(DryDay.ZONE).toLocalDate();
        if (!today.equals(rainDay)) {
            rainDay = today;
            rainToday = 0; // the gauge's day starts at local midnight
        }
        last = DryDay.at(now);
        put(0, Sensor.THERMO_HYGROMETER, (int) Math.round(last.airTemperature() * 10) & 0xFFFF);
        put(1, Sensor.THERMO_HYGROMETER, (int) Math.round(last.relativeHumidity() * 10));
        put(2, Sensor.ANEMOMETER, (int) Math.round(last.windSpeed() * 100));
        put(3, Sensor.PYRANOMETER, (int) Math.round(last.solarRadiation()));
        put(4, Sensor.RAIN_GAUGE, (int) Math.round(rainToday * 10));
        put(5, Sensor.BAROMETER, (int) Math.round(last.pressure() * 100));
        input[6].setValue(faults);
    }

    private void put(int register, Sensor sensor, int raw) {
        input[register].setValue((faults & 1 << sensor.ordinal()) != 0 ? FAULT_VALUE : raw);
    }

    /** The conditions of the last reading. */
    public synchronized DryDay.Conditions conditions() {
        return last;
    }

    public synchronized double rainToday() {
        return rainToday;
    }

    /** A shower: the gauge counts {@code millimetres} more. */
    public synchronized void rain(double millimetres) {
        rainToday += millimetres;
        step();
    }

    /** Breaks or repairs a sensor. */
    public synchronized void fault(Sensor sensor, boolean faulty) {
        faults = faulty ? faults | 1 << sensor.ordinal() : faults & ~(1 << sensor.ordinal());
        step();
    }

    /**
     * The last reading as the station's JSON form: {@code {"ts": "...Z", "airTemperature": °C,
     * "relativeHumidity": %, "windSpeed": m/s, "solarRadiation": W/m², "rainToday": mm, "pressure": kPa,
     * "faults": [names of faulty sensors: thermo-hygrometer, anemometer, pyranometer, rain-gauge, barometer]}}, a faulty sensor's value left out.
     */
    public synchronized String json() {
        StringBuilder b =
                new StringBuilder("{\"ts\":\"").append(clock.instant()).append('"');
        field(b, "airTemperature", Sensor.THERMO_HYGROMETER, last.airTemperature());
        field(b, "relativeHumidity", Sensor.THERMO_HYGROMETER, last.relativeHumidity());
        field(b, "windSpeed", Sensor.ANEMOMETER, last.windSpeed());
        field(b, "solarRadiation", Sensor.PYRANOMETER, last.solarRadiation());
        field(b, "rainToday", Sensor.RAIN_GAUGE, rainToday);
        field(b, "pressure", Sensor.BAROMETER, last.pressure());
        b.append(",\"faults\":[");
        String sep = "";
        for (Sensor s : Sensor.values()) {
            if ((faults & 1 << s.ordinal()) != 0) {
                b.append(sep)
                        .append('"')
                        .append(s.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .append('"');
                sep = ",";
            }
        }
        return b.append("]}").toString();
    }

    private void field(StringBuilder b, String name, Sensor sensor, double v) {
        if ((faults & 1 << sensor.ordinal()) == 0) {
            b.append(",\"").append(name).append("\":").append(String.format(Locale.ROOT, "%.2f", v));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        ModbusSlaveFactory.close(slave);
    }
}
