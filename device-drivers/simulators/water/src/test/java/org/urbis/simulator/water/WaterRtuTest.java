package org.urbis.simulator.water;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hydraulic model, stepped by hand. */
class WaterRtuTest {

    @Test
    void theValveTravelsAtItsStrokeSpeedAndDrivesPressure() {
        WaterRtu rtu = new WaterRtu(1, 50);
        rtu.travelSeconds(10); // 10 % per second
        double before = rtu.pressureBar();
        rtu.holding(0, 1000); // command 100 %
        rtu.step(1.0);
        assertEquals(60.0, rtu.position(), 1e-9);
        assertTrue(rtu.pressureBar() > before);
        for (int i = 0; i < 10; i++) {
            rtu.step(1.0);
        }
        assertEquals(100.0, rtu.position(), 1e-9);
        assertEquals(6.0, rtu.pressureBar(), 1e-9, "fully open: supply pressure");
    }

    @Test
    void leaksStuckValvesAndLocalMode() {
        WaterRtu rtu = new WaterRtu(1, 50);
        double p = rtu.pressureBar();
        rtu.leak(2.0, 100);
        assertEquals(p - 2.0, rtu.pressureBar(), 1e-9);
        rtu.repair();
        rtu.stuck(true);
        rtu.holding(0, 0);
        rtu.step(5);
        assertEquals(50.0, rtu.position(), 1e-9);
        rtu.stuck(false);
        rtu.local(true);
        rtu.step(5);
        assertEquals(50.0, rtu.position(), 1e-9, "LOCAL ignores the remote setpoint");
        assertEquals(500, rtu.holding(0), "and shows the position it holds");
    }
}
