package org.urbis.control.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Field;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.junit.jupiter.api.Test;
import org.urbis.shell.parsing.SignedNumbers;
import org.urbis.testing.ConsoleLine;

/** Negative numbers reach the commands through the console as Karaf runs it: parser, shell, action preparator. */
class SignedNumbersTest {

    private static final List<Class<? extends Action>> COMMANDS = List.of(
            AuditCommand.class,
            SendCommand.class,
            OverrideCommand.class,
            ScheduleAddCommand.class,
            SchedulePreviewCommand.class,
            ScheduleRemoveCommand.class,
            SchedulesCommand.class,
            SunCommand.class);

    @Test
    void sunTakesALatitudeSouthAndALongitudeWest() throws Exception {
        SunCommand sun = ConsoleLine.prepare(new SunCommand(), "urbis:sun -0.18 -78.47 2026-01-01 America/Guayaquil");
        assertEquals(-0.18, sun.latitude);
        assertEquals(-78.47, sun.longitude);
        assertEquals("2026-01-01", sun.date);
        assertEquals("America/Guayaquil", sun.zone);
    }

    @Test
    void aSetpointBelowZeroAndOptionsBeforeIt() throws Exception {
        SendCommand command = ConsoleLine.prepare(
                new SendCommand(), "urbis:command --reason \"frost test\" --expiry 60 WT-PT-001 setpoint -2.5");
        assertEquals("frost test", command.reason);
        assertEquals("60", command.expiry);
        assertEquals("WT-PT-001", command.target);
        assertEquals("-2.5", command.value);
        assertEquals("-3", ConsoleLine.prepare(new SendCommand(), "urbis:command WT-PT-001 setpoint -3").value);
    }

    @Test
    void aLevelBelowZeroReachesTheCommandToBeRefusedThere() throws Exception {
        assertEquals(-5, ConsoleLine.prepare(new OverrideCommand(), "urbis:override zone=PT-Z1 -5").level);
    }

    @Test
    void onlyPlainNegativeNumbersAreRewritten() {
        assertEquals("$((-0.18))", SignedNumbers.word("-0.18"));
        assertEquals("$((-.5))", SignedNumbers.word("-.5"));
        assertEquals("$((-78))", SignedNumbers.word("-78"));
        for (String word :
                List.of("--reason", "-u", "-1e3", "'-5'", "\"-5\"", "-0.1234567890123456789", "--until=-5", "5", "-")) {
            assertEquals(word, SignedNumbers.word(word));
        }
    }

    /** The rewrite is safe only while no option is a number; and a command that takes numbers must use it. */
    @Test
    void noOptionLooksLikeANumberAndEveryNumericCommandTakesSignedNumbers() {
        for (Class<? extends Action> type : COMMANDS) {
            assertNotNull(type.getAnnotation(Command.class), type.getName());
            boolean numeric = false;
            for (Field f : type.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null) {
                    assertFalse(SignedNumbers.word(o.name()).startsWith("$"), type.getSimpleName() + " " + o.name());
                    for (String alias : o.aliases()) {
                        assertFalse(SignedNumbers.word(alias).startsWith("$"), type.getSimpleName() + " " + alias);
                    }
                }
                if (f.getAnnotation(Argument.class) != null
                        && (f.getType().isPrimitive()
                                || Number.class.isAssignableFrom(f.getType())
                                || f.getName().equals("value"))) {
                    numeric = true;
                }
            }
            Parsing parsing = type.getAnnotation(Parsing.class);
            assertEquals(numeric, parsing != null && parsing.value() == SignedNumbers.class, type.getSimpleName());
        }
    }
}
