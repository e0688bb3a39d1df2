package org.urbis.control.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.urbis.api.audit.AuditCheck;
import org.urbis.api.audit.AuditEntry;
import org.urbis.api.audit.AuditQuery;
import org.urbis.api.audit.AuditTrail;
import org.urbis.control.internal.ControlService;

/** The control bundle's audit log as other bundles read it: queries over its records, and the chain check. */
@Component(service = AuditTrail.class)
public final class AuditTrailService implements AuditTrail {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog log;

    @Activate
    public AuditTrailService(@Reference ControlService control) {
        this(control.audit());
    }

    AuditTrailService(AuditLog log) {
        this.log = log;
    }

    @Override
    public List<AuditEntry> query(AuditQuery q) throws IOException {
        AuditReader reader = log.reader();
        List<String> lines =
                q.commandId() != null ? reader.ofCommand(q.commandId(), q.since()) : reader.since(q.since());
        Deque<AuditEntry> newest = new ArrayDeque<>();
        for (String line : lines) {
            Optional<AuditEntry> e = entry(line);
            if (e.isEmpty()
                    || e.get().time().isBefore(q.since())
                    || (q.until() != null && !e.get().time().isBefore(q.until()))
                    || (q.commandId() != null && !q.commandId().equals(e.get().commandId()))
                    || (q.deviceId() != null && !q.deviceId().equals(e.get().deviceId()))) {
                continue;
            }
            newest.addLast(e.get());
            if (newest.size() > q.limit()) {
                newest.removeFirst();
            }
        }
        return List.copyOf(newest);
    }

    /** A record's fields, or empty for a line that is not a readable record (the verifier reports those). */
    static Optional<AuditEntry> entry(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return Optional.of(new AuditEntry(
                    n.path("seq").asLong(),
                    Instant.parse(n.path("time").asText()),
                    n.path("event").asText(""),
                    n.path("command").asText(""),
                    n.path("device").asText(""),
                    n.path("issuer").asText(""),
                    n.path("why").asText(""),
                    n.path("hash").asText(""),
                    line));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public AuditCheck verify() throws IOException {
        return AuditVerifier.verify(log.file()).check();
    }

    @Override
    public List<AuditEntry> last(int count) throws IOException {
        return entries(log.reader().last(Math.max(0, count)));
    }

    @Override
    public List<AuditEntry> ofCommand(String commandId, Instant since) throws IOException {
        return entries(log.reader().ofCommand(commandId, since));
    }

    private static List<AuditEntry> entries(List<String> lines) {
        return lines.stream()
                .map(AuditTrailService::entry)
                .flatMap(Optional::stream)
                .toList();
    }
}
