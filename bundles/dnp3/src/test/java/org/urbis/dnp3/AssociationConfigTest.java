package org.urbis.dnp3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AssociationConfigTest {

    @Test
    void defaultsFollowUtilityPractice() {
        AssociationConfig config = AssociationConfig.of(1, 1024);
        assertEquals(Duration.ofSeconds(5), config.responseTimeout());
        assertEquals(Duration.ofSeconds(60), config.keepAlive());
        assertEquals(Duration.ofHours(1), config.integrityPeriod());
        assertEquals(Duration.ofSeconds(10), config.eventPeriod(1));
        assertEquals(TimeSyncMode.LAN, config.timeSync());
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> AssociationConfig.of(5, 5));
        assertThrows(IllegalArgumentException.class, () -> AssociationConfig.of(1, 0xFFFF));
        assertThrows(
                IllegalArgumentException.class, () -> AssociationConfig.of(1, 2).withResponseTimeout(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> AssociationConfig.of(1, 2).withRetry(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        assertThrows(
                IllegalArgumentException.class, () -> AssociationConfig.of(1, 2).eventPeriod(4));
    }

    @Test
    void commandsValidateThemselves() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Crob(Crob.Operation.PULSE_ON, Crob.TripClose.NUL, false, 256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnalogOutput(AnalogOutput.Encoding.INT16, 40000));
        assertThrows(IllegalArgumentException.class, () -> new AnalogOutput(AnalogOutput.Encoding.INT32, 1.5));
        assertEquals(0x81, Crob.pulse(Crob.TripClose.TRIP, 100).controlCode());
        assertEquals(0x41, Crob.pulse(Crob.TripClose.CLOSE, 100).controlCode());
        assertEquals(CommandStatus.UNDEFINED, CommandStatus.of(99));
    }
}
