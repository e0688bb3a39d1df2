package org.urbis.control.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandState;

/** The command records as the audit log holds them, and the RECEIVED ones read back after a restart. */
class CommandRecordsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aReceivedRecordReadsBackAsItWasWrittenWhateverItsIdHolds() throws IOException {
        Command c = new Command(
                "op \"7\" \\ a", "GM-1", "breaker", false, "otto", "", T0.plusSeconds(300), Command.Operation.SELECT);
        List<String> lines;
        try (AuditLog log = new AuditLog(dir.resolve("audit.log"), Clock.fixed(T0, ZoneOffset.UTC))) {
            log.writer().append(CommandRecords.received(c, Set.of("operator", "admin")));
            log.writer().append(CommandRecords.refused(c, "GM-1", null, "SELECT_MISMATCH: point is selected by 'an'"));
            lines = log.all();
        }
        assertTrue(
                lines.get(0).contains("\"event\":\"RECEIVED\",\"command\":\"op \\\"7\\\" \\\\ a\"")
                        && lines.get(0).contains("\"roles\":\"admin|operator\"")
                        && !lines.get(0).contains("\"reason\""),
                lines.get(0));
        assertEquals(
                Optional.of(new CommandRecords.Received(T0, c.id(), c.expiry(), "SELECT")),
                CommandRecords.readReceived(lines.get(0)));
        assertEquals(Optional.empty(), CommandRecords.readReceived(lines.get(1)), "a refusal is no RECEIVED record");
    }

    @Test
    void aStateChangeHoldsTheValueAsThePointTakesItAndLeavesOutWhatIsNot() {
        Command c = new Command(
                "c1",
                "group:street=Tran Phu",
                "dim",
                "55",
                "alice",
                "test",
                T0.plusSeconds(60),
                Command.Operation.DIRECT);
        assertEquals(
                List.of("event", "from", "command", "issuer", "target", "device", "point", "value", "old", "why"),
                List.copyOf(CommandRecords.changed(c, "SL-1", 55.0, 50.0, CommandState.SENT, CommandState.CONFIRMED, "")
                        .keySet()));
        assertEquals(
                55.0,
                CommandRecords.changed(c, "SL-1", 55.0, null, CommandState.ACCEPTED, CommandState.SENT, null)
                        .get("value"));
        assertEquals(
                null,
                CommandRecords.changed(c, "SL-1", 55.0, null, CommandState.SENT, CommandState.CONFIRMED, "")
                        .get("why"),
                "an empty reason is left out");
    }
}
