package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.health.HealthStatus;
import org.urbis.testkit.DriverRuntime;

/** The driver in the platform's device runtime, polling the simulator: values, health and commands as a site sees them. */
class ${driverClass}DriverTest {

    private ${driverClass}Simulator simulator;
    private DriverRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        simulator = new ${driverClass}Simulator();
        runtime = DriverRuntime.builder().pollInterval(Duration.ofMillis(200)).build().add(new ${driverClass}Driver());
        runtime.apply(${driverClass}DriverContractTest.device("D-1", simulator.address()));
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        simulator.close();
    }

    @Test
    void pollsTheProfilesPoints() {
        runtime.await("D-1 ONLINE with its energy", () -> runtime.health("D-1").status() == HealthStatus.ONLINE
                && runtime.value("D-1", "energy").isPresent());
        assertEquals(1234.5, runtime.value("D-1", "energy").orElseThrow().value());
        assertEquals(3200.0, runtime.value("D-1", "power").orElseThrow().value(), "kW scaled to W by the point's option");
    }

    @Test
    void writesACommand() throws Exception {
        runtime.await("D-1 ONLINE", () -> runtime.health("D-1").status() == HealthStatus.ONLINE);
        runtime.write("D-1", "relay", false);
        assertEquals("false", simulator.get("relay"));
        assertEquals(Boolean.FALSE, runtime.read("D-1", "relay").value());
    }
}
