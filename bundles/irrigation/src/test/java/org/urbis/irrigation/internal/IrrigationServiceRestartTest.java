package org.urbis.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;
import org.urbis.irrigation.internal.balance.BalanceDay;
import org.urbis.irrigation.internal.weather.WeatherDay;
import org.urbis.testing.FakeEventStream;
import org.urbis.testing.FakeRegistry;

/** The service keeps its weather stations' open days across a restart, and closes the day it stopped in. */
class IrrigationServiceRestartTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    private final FakeRegistry registry = new FakeRegistry();
    private final FakeEventStream events = new FakeEventStream();

    private final CommandService commands = c -> CompletableFuture.completedFuture(
            new CommandResult(c.id(), c.target(), CommandState.REJECTED, "not in this test", Instant.now(), null));

    private IrrigationService start() throws Exception {
        Path programs = dir.resolve("programs");
        if (!Files.isDirectory(programs)) {
            Files.createDirectories(programs);
            Files.copy(
                    Path.of("../../karaf-assembly/src/main/demo/etc/urbis/irrigation/pt-park-night.program.json"),
                    programs.resolve("pt-park-night.program.json"));
        }
        Map<String, Object> settings = Map.of(
                "programs_directory",
                programs.toString(),
                "balances_file",
                dir.resolve("balances.json").toString(),
                "issuer",
                "scheduler",
                "run_expirySeconds",
                300L);
        IrrigationConfig config = (IrrigationConfig) Proxy.newProxyInstance(
                IrrigationConfig.class.getClassLoader(),
                new Class<?>[] {IrrigationConfig.class},
                (proxy, method, args) -> settings.get(method.getName()));
        registry.put(
                new Device(
                        "WS-PT-001",
                        DeviceClass.of("weather"),
                        "weather",
                        "tcp://127.0.0.1:1/unit=1",
                        null,
                        Map.of(),
                        List.of(Point.builder(WeatherDay.AIR_TEMPERATURE, DataType.FLOAT)
                                .unit("°C")
                                .build()),
                        null,
                        null),
                new DeviceHealth("WS-PT-001", HealthStatus.ONLINE, null, "", Instant.now(), Instant.now(), 0, 0),
                Map.of());
        return new IrrigationService(registry, commands, events, () -> SITE, null, config, null);
    }

    private void read(double celsius, Instant at) throws Exception {
        events.deliver(
                List.of(new ValueChanged("WS-PT-001", Value.good(WeatherDay.AIR_TEMPERATURE, celsius, at), null)));
    }

    @Test
    void todaysReadingsSoFarSurviveARestart() throws Exception {
        IrrigationService first = start();
        Instant now = Instant.now();
        read(24.5, now.minusSeconds(1));
        read(31.0, now);
        OptionalDouble soFar = first.et0SoFar("pt-park-night");
        assertTrue(soFar.isPresent(), "a temperature range read today");
        first.deactivate();

        IrrigationService again = start();
        assertEquals(soFar, again.et0SoFar("pt-park-night"), "the day's readings were kept");
        again.deactivate();
    }

    @Test
    void theDayTheRuntimeStoppedInClosesWithWhatItReadWhenMidnightPassed() throws Exception {
        LocalDate today = LocalDate.now(SITE);
        LocalDate yesterday = today.minusDays(1);
        Instant start = yesterday.atStartOfDay(SITE).toInstant();
        WeatherDay open =
                new WeatherDay(yesterday, start, today.atStartOfDay(SITE).toInstant());
        open.add(WeatherDay.AIR_TEMPERATURE, 23.0, start.plusSeconds(6 * 3600));
        open.add(WeatherDay.AIR_TEMPERATURE, 33.0, start.plusSeconds(14 * 3600));
        new BalanceStore(dir.resolve("balances.json"))
                .save(new Irrigation(SITE, new Irrigation.Conditions() {}), Map.of("WS-PT-001", open));

        IrrigationService service = start();
        BalanceDay closed = service.irrigation().zones().get("IR-PT-001/1").last();
        assertEquals(yesterday, closed.date());
        assertTrue(closed.et0Method().startsWith("Hargreaves (T 23.0-33.0 °C"), closed.et0Method());
        assertEquals(today, service.today());
        service.deactivate();
    }
}
