package org.urbis.simulator.pv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.urbis.modbus.sunspec.ModelBlock;
import org.urbis.modbus.sunspec.ModelChain;
import org.urbis.modbus.sunspec.SunSpecModel;
import org.urbis.simulator.irrigation.WeatherStation;
import org.urbis.testing.Await;

/** The feeder over a real socket, read as any SunSpec master would. */
class PvFeederTest {

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }

    private static ModelBlock read(ModbusTCPMaster m, int unit, int modelId) throws Exception {
        ModelChain chain = ModelChain.discover((start, count) -> {
            try {
                Register[] r = m.readMultipleRegisters(unit, start, count);
                int[] w = new int[r.length];
                for (int i = 0; i < r.length; i++) {
                    w[i] = r[i].toUnsignedShort();
                }
                return w;
            } catch (Exception e) {
                throw new org.urbis.api.driver.DriverException(
                        org.urbis.api.value.QualityReason.DEVICE_ERROR, e.getMessage());
            }
        });
        ModelChain.Entry e = chain.model(modelId).orElseThrow();
        Register[] r = m.readMultipleRegisters(unit, e.start(), e.length());
        int[] w = new int[r.length];
        for (int i = 0; i < r.length; i++) {
            w[i] = r[i].toUnsignedShort();
        }
        return new ModelBlock(SunSpecModel.of(modelId).orElseThrow(), e.start(), w);
    }

    @Test
    void aSunnyLowLoadNoonExportsThroughTheTransformer() throws Exception {
        try (PvFeeder feeder = PvFeeder.builder()
                .inverters(4)
                .houses(4)
                .tickMillis(50)
                .sunnyNoon(true)
                .start()) {
            ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", feeder.port(), 2_000, true);
            m.connect();
            try {
                assertTrue(feeder.irradiance() > 800, "clear sky at noon: " + feeder.irradiance());
                ModelBlock tx = read(m, PvFeeder.TRANSFORMER_UNIT, 203);
                double watts = tx.read("W").value();
                assertTrue(watts < -5_000, "the transformer exports at a sunny noon: " + watts + " W");
                double pv = feeder.inverters().stream()
                        .mapToDouble(Inverter::outputKw)
                        .sum();
                double load =
                        feeder.houses().stream().mapToDouble(Meter::powerKw).sum();
                assertEquals(load - pv, feeder.transformer().powerKw(), 1e-9);
                assertTrue(load > 0.5 && load < 4, "little load at noon: " + load);
                ModelBlock inv = read(m, 1, 101);
                assertEquals(5_000, read(m, 1, 120).read("WRtg").value());
                assertTrue(inv.read("W").value() > 3_000, "a 5 kW inverter gives most of its rating");
                assertFalse(inv.read("AphB").ok(), "a single-phase inverter has no phase B");
                assertEquals(103, feeder.inverters().get(1).model(), "8 kW is three-phase");
                assertFalse(
                        read(m, PvFeeder.FIRST_HOUSE_UNIT, 201).read("PhVphB").ok());
            } finally {
                m.disconnect();
            }
        }
    }

    @Test
    void theLimitIsRampedToAndRevertsAfterItsTimeout() throws Exception {
        try (PvFeeder feeder = PvFeeder.builder()
                .inverters(1)
                .houses(0)
                .tickMillis(50)
                .sunnyNoon(true)
                .start()) {
            ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", feeder.port(), 2_000, true);
            m.connect();
            try {
                Inverter inv = feeder.inverters().get(0);
                await("full output", () -> inv.outputKw() > 3.5);
                ModelBlock ctl = read(m, 1, 123);
                int at = ctl.register("WMaxLimPct");
                // 40 % (WMaxLimPct_SF -1), window 0, revert after 3 s, ramp over 1 s, enabled
                m.writeMultipleRegisters(1, at, new Register[] {reg(400), reg(0), reg(3), reg(1), reg(1)});
                await("the output ramped down to 40 % of 5 kW", () -> inv.outputKw() <= 2.0 + 1e-9);
                assertEquals(1, read(m, 1, 123).read("WMaxLim_Ena").value());
                await("the limit reverted after its timeout", () -> inv.limitPct() == 100 && inv.outputKw() > 3.5);
                assertEquals(0, read(m, 1, 123).read("WMaxLim_Ena").value(), "WMaxLim_Ena is back to 0");
            } finally {
                m.disconnect();
            }
        }
    }

    @Test
    void anEveningImportsThroughTheTransformerAndMeasurementsCannotBeWritten() throws Exception {
        // the scenario's clock shifted to 19:30 in Phan Thiết today: the sun has set, the evening peak is on
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(PvFeeder.ZONE);
        Duration toEvening = Duration.between(now, now.with(java.time.LocalTime.of(19, 30)));
        try (PvFeeder feeder = PvFeeder.builder()
                .inverters(2)
                .houses(3)
                .tickMillis(50)
                .clockOffset(toEvening)
                .start()) {
            await(
                    "the evening's load on the transformer",
                    () -> feeder.transformer().powerKw() > 3);
            assertEquals(0, feeder.irradiance());
            assertEquals(0, feeder.inverters().get(0).outputKw());
            ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", feeder.port(), 2_000, true);
            m.connect();
            try {
                assertEquals(2, read(m, 1, 101).read("St").value(), "a sleeping inverter");
                int w = read(m, 1, 101).register("W");
                com.ghgande.j2mod.modbus.ModbusSlaveException refused = org.junit.jupiter.api.Assertions.assertThrows(
                        com.ghgande.j2mod.modbus.ModbusSlaveException.class,
                        () -> m.writeSingleRegister(1, w, reg(100)));
                assertEquals(2, refused.getType(), "illegal data address: a measurement is read-only");
            } finally {
                m.disconnect();
            }
        }
    }

    private static Register reg(int v) {
        return new com.ghgande.j2mod.modbus.procimg.SimpleRegister(v);
    }

    @Test
    void followsTheWeatherStationsPyranometerWhenGivenOne() throws Exception {
        Clock noon = Clock.fixed(Instant.parse("2026-03-10T05:30:00Z"), ZoneOffset.UTC); // 12:30 in Phan Thiết
        try (WeatherStation station = new WeatherStation(InetAddress.getLoopbackAddress(), 0, noon, 100);
                PvFeeder feeder = PvFeeder.builder()
                        .inverters(1)
                        .houses(1)
                        .clock(noon)
                        .tickMillis(50)
                        .weatherStation("127.0.0.1", station.port(), 1, 100)
                        .start()) {
            await("irradiance from the station", feeder::stationInUse);
            double fromStation = Math.round(station.conditions().solarRadiation());
            await("the panels see the station's irradiance", () -> feeder.irradiance() == fromStation);
            station.fault(WeatherStation.Sensor.PYRANOMETER, true);
            await("its own sky once the pyranometer fails", () -> !feeder.stationInUse());
        }
    }
}
