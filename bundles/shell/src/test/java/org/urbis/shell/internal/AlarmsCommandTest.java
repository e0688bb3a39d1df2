package org.urbis.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.runtime.DeviceRegistry;

class AlarmsCommandTest {

    private static final Instant RAISED = Instant.parse("2026-12-01T11:00:05Z");

    private static String run(AlarmsCommand command) throws Exception {
        command.registry = (DeviceRegistry) Proxy.newProxyInstance(
                DeviceRegistry.class.getClassLoader(), new Class<?>[] {DeviceRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("activeAlarms")) {
                        return List.of(new Alarm(
                                "inventory",
                                "REJECTED",
                                AlarmSeverity.MAJOR,
                                AlarmState.RAISED,
                                "bad file",
                                RAISED,
                                RAISED,
                                ""));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return ConsoleOutput.of(command);
    }

    @Test
    void timesAreTheSitesWithItsOffset() throws Exception {
        AlarmsCommand command = new AlarmsCommand();
        command.site = () -> ZoneId.of("Asia/Ho_Chi_Minh");
        String shown = run(command);
        assertTrue(shown.contains("2026-12-01 18:00:05 +07:00"), shown);
    }

    @Test
    void withoutTheSiteTheRuntimeZoneSaysWhichItIs() throws Exception {
        String shown = run(new AlarmsCommand());
        String expected =
                RAISED.atZone(ZoneId.systemDefault()).format(java.time.format.DateTimeFormatter.ofPattern("xxx"));
        assertTrue(shown.contains(" " + expected + " "), expected + " in " + shown);
    }
}
