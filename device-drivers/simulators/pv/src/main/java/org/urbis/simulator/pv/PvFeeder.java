package org.urbis.simulator.pv;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A low-voltage feeder behind one Modbus TCP server, each device a unit id: inverters at units 1..N
 * (rated 4-8 kW), house meters at units 101..100+M (household load: a morning and a bigger evening
 * peak), and the transformer's meter at unit {@value #TRANSFORMER_UNIT}, whose active power is the
 * houses' load minus the inverters' output — negative (reverse power, export) at a sunny noon with
 * little load.
 *
 * <p>Irradiance comes from a weather station's pyranometer when one is given (input register 3, W/m²,
 * as the irrigation simulator's station serves it), else from {@link Sky}'s clear sky with passing
 * cloud. The scenario's clock can be shifted, and {@link #sunnyNoon(boolean)} holds the feeder at a
 * cloudless 12:00-12:30 (what the export controls are shown with).
 */
public final class PvFeeder implements AutoCloseable {

    public static final int TRANSFORMER_UNIT = 200;
    public static final int FIRST_HOUSE_UNIT = 101;
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Logger LOG = LoggerFactory.getLogger(PvFeeder.class);
    private static final double[] RATINGS_KW = {5, 8, 4, 6, 5, 7};
    private static final int PYRANOMETER_REGISTER = 3;
    private static final int SENSOR_FAULT = 0x7FFF;

    private final Clock clock;
    private final List<Inverter> inverters = new ArrayList<>();
    private final List<Meter> houses = new ArrayList<>();
    private final Meter transformer;
    private final ModbusSlave slave;
    private final int port;
    private final ScheduledExecutorService timer;
    private final String weatherHost;
    private final int weatherPort;
    private final int weatherUnit;
    private volatile Duration offset = Duration.ZERO;
    private volatile boolean sunnyNoon;
    private volatile double stationIrradiance = Double.NaN;
    private volatile double irradiance;
    private long lastMillis;
    private ModbusTCPMaster station;

    private PvFeeder(Builder b) throws IOException {
        this.clock = b.clock;
        this.weatherHost = b.weatherHost;
        this.weatherPort = b.weatherPort;
        this.weatherUnit = b.weatherUnit;
        this.sunnyNoon = b.sunnyNoon;
        this.offset = b.offset;
        for (int i = 0; i < b.inverters; i++) {
            inverters.add(new Inverter(
                    1 + i,
                    RATINGS_KW[i % RATINGS_KW.length] * 1000,
                    String.format("PV%05d", i + 1),
                    1_500_000 + 97_000.0 * i));
        }
        for (int i = 0; i < b.houses; i++) {
            houses.add(new Meter(
                    FIRST_HOUSE_UNIT + i, 201, String.format("HM%05d", i + 1), 2_000_000 + 51_000.0 * i, 1_000 + i));
        }
        transformer = new Meter(TRANSFORMER_UNIT, 203, "TX00001", 90_000_000, 4_000_000);
        this.port = b.port != 0 ? b.port : freePort(b.bind);
        lastMillis = clock.millis();
        step();
        try {
            slave = ModbusSlaveFactory.createTCPSlave(b.bind, port, 8, false);
            inverters.forEach(inv -> slave.addProcessImage(inv.unit(), inv.image()));
            houses.forEach(h -> slave.addProcessImage(h.unit(), h.image()));
            slave.addProcessImage(TRANSFORMER_UNIT, transformer.image());
            slave.open();
        } catch (ModbusException e) {
            throw new IOException("cannot start the PV feeder simulator on port " + port + ": " + e.getMessage(), e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pv-feeder-simulator-" + port);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, b.tickMillis, b.tickMillis, TimeUnit.MILLISECONDS);
        if (weatherHost != null) {
            timer.scheduleWithFixedDelay(this::readStation, 0, b.weatherMillis, TimeUnit.MILLISECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start a feeder. */
    public static final class Builder {
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port;
        private int inverters = 4;
        private int houses = 4;
        private Clock clock = Clock.systemUTC();
        private long tickMillis = 1_000;
        private long weatherMillis = 5_000;
        private String weatherHost;
        private int weatherPort;
        private int weatherUnit = 1;
        private boolean sunnyNoon;
        private Duration offset = Duration.ZERO;

        public Builder bind(InetAddress bind) {
            this.bind = bind;
            return this;
        }

        /** The TCP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder inverters(int n) {
            this.inverters = n;
            return this;
        }

        public Builder houses(int n) {
            this.houses = n;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How often the feeder's state advances. */
        public Builder tickMillis(long millis) {
            this.tickMillis = millis;
            return this;
        }

        /** Reads irradiance from a weather station's input register 3 every {@code everyMillis}. */
        public Builder weatherStation(String host, int port, int unit, long everyMillis) {
            this.weatherHost = host;
            this.weatherPort = port;
            this.weatherUnit = unit;
            this.weatherMillis = everyMillis;
            return this;
        }

        public Builder sunnyNoon(boolean on) {
            this.sunnyNoon = on;
            return this;
        }

        /** Shifts the scenario's time from the clock's, e.g. to show an evening at midday. */
        public Builder clockOffset(Duration offset) {
            this.offset = offset;
            return this;
        }

        public PvFeeder start() throws IOException {
            if (inverters < 0 || inverters > 100 || houses < 0 || houses > 99) {
                throw new IllegalArgumentException("0-100 inverters and 0-99 houses");
            }
            if (tickMillis < 10) {
                throw new IllegalArgumentException("the model step must be at least 10 ms");
            }
            return new PvFeeder(this);
        }
    }

    public int port() {
        return port;
    }

    public List<Inverter> inverters() {
        return Collections.unmodifiableList(inverters);
    }

    public List<Meter> houses() {
        return Collections.unmodifiableList(houses);
    }

    public Meter transformer() {
        return transformer;
    }

    /** Holds the feeder at a cloudless 12:00-12:30 (on) or lets it follow its clock again (off). */
    public void sunnyNoon(boolean on) {
        this.sunnyNoon = on;
    }

    /** Shifts the scenario's time from the clock's. */
    public void clockOffset(Duration offset) {
        this.offset = offset;
    }

    /** The irradiance the panels see now, W/m². */
    public double irradiance() {
        return irradiance;
    }

    /** The scenario's local time now. */
    public ZonedDateTime scenarioTime() {
        ZonedDateTime t = clock.instant().plus(offset).atZone(ZONE);
        // the half hour after noon, passing at half speed: a sunny noon that still moves
        return sunnyNoon ? t.with(LocalTime.NOON).plusSeconds((t.getMinute() * 60L + t.getSecond()) / 2) : t;
    }

    private void tick() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.warn("PV feeder simulator step failed", e);
        }
    }

    private synchronized void step() {
        long now = clock.millis();
        double seconds = Math.max(0, (now - lastMillis) / 1000.0);
        lastMillis = now;
        ZonedDateTime t = scenarioTime();
        Instant at = t.toInstant();
        double station = stationIrradiance;
        irradiance = sunnyNoon
                ? Sky.clearSky(at)
                : !Double.isNaN(station) ? station : Sky.clearSky(at) * Sky.cloudFactor(at);
        double pvW = 0;
        for (Inverter inv : inverters) {
            inv.step(now, seconds, irradiance);
            pvW += inv.outputKw() * 1000;
        }
        double hour = t.getHour() + t.getMinute() / 60.0;
        double loadW = 0;
        for (int i = 0; i < houses.size(); i++) {
            double w = household(hour, i, now);
            houses.get(i).step(w, seconds);
            loadW += w;
        }
        transformer.step(loadW - pvW, seconds);
    }

    /**
     * A household's load at local {@code hour}, W: a base of fridge and fans, a morning peak around
     * 06:30, a larger evening peak around 19:30 (cooking, air conditioning), little at midday, a
     * little flicker.
     */
    static double household(double hour, int house, long millis) {
        double size = 0.8 + 0.15 * (house % 4);
        double base = 300;
        double morning = 1_200 * Math.exp(-Math.pow((hour - 6.5) / 1.0, 2));
        double evening = 2_400 * Math.exp(-Math.pow((hour - 19.5) / 1.6, 2));
        double midday = 250 * Math.exp(-Math.pow((hour - 12.5) / 1.5, 2));
        double flicker = 40 * Math.sin(millis / 7_000.0 + house);
        return size * (base + morning + evening + midday) + flicker;
    }

    private void readStation() {
        try {
            if (station == null) {
                station = new ModbusTCPMaster(weatherHost, weatherPort, 2_000, true);
                station.connect();
            }
            InputRegister[] r = station.readInputRegisters(weatherUnit, PYRANOMETER_REGISTER, 1);
            int raw = r[0].toUnsignedShort();
            stationIrradiance = raw == SENSOR_FAULT ? Double.NaN : raw;
        } catch (Exception e) {
            // the station is away: its own sky model stands in until it answers again
            stationIrradiance = Double.NaN;
            if (station != null) {
                station.disconnect();
                station = null;
            }
        }
    }

    /** Whether the irradiance comes from the weather station now. */
    public boolean stationInUse() {
        return !Double.isNaN(stationIrradiance) && !sunnyNoon;
    }

    private static int freePort(InetAddress bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        ModbusSlaveFactory.close(slave);
        if (station != null) {
            station.disconnect();
        }
    }
}
