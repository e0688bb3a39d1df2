package org.urbis.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.notify.internal.config.Setup;
import org.urbis.notify.internal.config.SetupReader;

class SetupReaderTest {

    private static final String CHANNELS = """
            {"channels": [{"name": "crew-mail", "type": "email", "host": "127.0.0.1", "port": 2525,
                           "from": "urbis@phanthiet.example", "to": ["crew@phanthiet.example"], "password": "p4ss"},
                          {"name": "ops-hook", "type": "webhook", "url": "http://127.0.0.1:8099/alarms",
                           "secret": "phan-thiet-water-2026"}]}
            """;

    @Test
    void everyProblemIsNamedByFileAndField() {
        SetupReader.ProblemsException e = assertThrows(
                SetupReader.ProblemsException.class,
                () -> SetupReader.read(
                        Map.of(
                                "channels.json", CHANNELS,
                                "rules.json", """
                        {"rules": [{"name": "r1", "severities": ["LOUD"], "channels": ["ops-hook", "pager"], "hours": "25-7",
                                    "escalateAfterMinutes": 10, "colour": "red"}]}
                        """,
                                "bad.json",
                                        "{\"channels\": [{\"name\": \"h\", \"type\": \"webhook\", \"url\": \"ftp://x\", \"secret\": \"short\"}]}"),
                        g -> true));
        List<String> p = e.problems();
        assertTrue(
                p.contains(
                        "rules.json: rules[0].severities: 'LOUD' is not a severity (INFO, WARNING, MAJOR, CRITICAL)"),
                p.toString());
        assertTrue(p.contains("rules.json: rules[0].channels[1]: no channel 'pager'"), p.toString());
        assertTrue(p.contains("rules.json: rules[0].hours: '25-7' is not HH:mm-HH:mm"), p.toString());
        assertTrue(
                p.contains("rules.json: rules[0].escalateTo: escalateAfterMinutes needs a channel to escalate to"),
                p.toString());
        assertTrue(
                p.stream().anyMatch(s -> s.startsWith("rules.json: rules[0]: unknown field 'colour'")), p.toString());
        assertTrue(p.contains("bad.json: channels[0].url: 'ftp://x' is not an http(s) URL"), p.toString());
        assertTrue(
                p.stream().anyMatch(s -> s.startsWith("bad.json: channels[0].secret: at least 16 characters")),
                p.toString());
    }

    @Test
    void aRuleNamingAGroupWithoutDevicesIsReportedWithItsField() throws Exception {
        Setup s =
                SetupReader.read(Map.of("channels.json", CHANNELS, "rules.json", """
                {"rules": [{"name": "cabinets", "groups": ["cabinet=CAB-07", "cabinet=CAB-99"], "channels": ["crew-mail"]}]}
                """), g -> g.equals("cabinet=CAB-07"));
        assertEquals(
                List.of("rules.json: rules[0].groups[1]: no device is in group 'cabinet=CAB-99'"), s.unknownGroups());
        assertEquals(1, s.rules().size());
    }

    @Test
    void secretsAreMaskedWhenTheFilesAreShown() {
        String shown = NotifyService.mask(CHANNELS);
        assertFalse(shown.contains("p4ss") || shown.contains("phan-thiet-water-2026"), shown);
        assertTrue(shown.contains(NotifyService.MASK), shown);
    }
}
