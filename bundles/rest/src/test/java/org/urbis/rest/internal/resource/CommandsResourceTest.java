package org.urbis.rest.internal.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.api.command.Command;
import org.urbis.rest.internal.ProblemException;

class CommandsResourceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRequestBecomesAPipelineCommandWithTheCallerAsIssuer() {
        Command c = CommandsResource.command(
                new CommandsResource.CommandRequest(" group:cabinet=C1 ", "dim", 40, "test", null, 120L), "otto", NOW);
        assertEquals("group:cabinet=C1", c.target());
        assertEquals("otto", c.issuer());
        assertEquals(NOW.plusSeconds(120), c.expiry());
        assertTrue(c.id().startsWith("rest-"));
        assertEquals(Command.Operation.DIRECT, c.operation());
        assertTrue(!c.force(), "not forced unless asked");
        assertTrue(
                CommandsResource.command(
                                new CommandsResource.CommandRequest(
                                        "SL-1", "dim", 40, "cabinet test", null, null, true),
                                "otto",
                                NOW)
                        .force(),
                "force reaches the pipeline");
        assertEquals(
                NOW.plusSeconds(60),
                CommandsResource.command(
                                new CommandsResource.CommandRequest("SL-1", "on", true, null, "mine", null),
                                "otto",
                                NOW)
                        .expiry());
    }

    @Test
    void anIncompleteRequestIsABadRequest() {
        for (CommandsResource.CommandRequest r : List.of(
                new CommandsResource.CommandRequest(null, "dim", 1, null, null, null),
                new CommandsResource.CommandRequest("SL-1", " ", 1, null, null, null),
                new CommandsResource.CommandRequest("SL-1", "dim", null, null, null, null),
                new CommandsResource.CommandRequest("SL-1", "dim", List.of(1), null, null, null),
                new CommandsResource.CommandRequest("SL-1", "dim", 1, null, null, 0L),
                new CommandsResource.CommandRequest("SL-1", "dim", 1, null, null, 86_401L))) {
            ProblemException e =
                    assertThrows(ProblemException.class, () -> CommandsResource.command(r, "otto", NOW), r.toString());
            assertEquals(400, e.problem().status());
        }
    }

    @Test
    void aRefusalKeepsThePipelinesCodeWithTheStatusThatFitsIt() {
        assertEquals(
                422,
                CommandsResource.refused("OUT_OF_LIMITS: 150 lies outside [0, 100]")
                        .problem()
                        .status());
        assertEquals(
                "OUT_OF_LIMITS",
                CommandsResource.refused("OUT_OF_LIMITS: 150 lies outside [0, 100]")
                        .problem()
                        .code());
        assertEquals(
                422,
                CommandsResource.refused("UNKNOWN_DEVICE: no device 'X'")
                        .problem()
                        .status());
        assertEquals(
                403,
                CommandsResource.refused("NOT_AUTHORISED: issuer 'v' has none of the roles")
                        .problem()
                        .status());
        assertEquals(
                409,
                CommandsResource.refused("DUPLICATE: command id 'a' was received before")
                        .problem()
                        .status());
        assertEquals(
                429,
                CommandsResource.refused("RATE_LIMITED: issuer 'o' sends too many commands")
                        .problem()
                        .status());
    }

    @Test
    void auditTimesAreInstantsOrDurationsBack() {
        assertEquals(NOW.minusSeconds(3600), AuditResource.instant("PT1H", NOW));
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), AuditResource.instant("2026-11-30T00:00:00Z", NOW));
        assertThrows(IllegalArgumentException.class, () -> AuditResource.instant("yesterday", NOW));
    }

    @Test
    void aBoundingBoxIsFourValidCoordinatesInOrder() {
        assertEquals(4, DevicesResource.bbox("108.0,10.9,108.2,11.0").length);
        for (String bad : List.of("1,2,3", "a,b,c,d", "108,10,107,11", "200,10,201,11")) {
            assertThrows(ProblemException.class, () -> DevicesResource.bbox(bad), bad);
        }
    }
}
