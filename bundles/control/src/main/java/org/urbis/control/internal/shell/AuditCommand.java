package org.urbis.control.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.audit.AuditEntry;
import org.urbis.api.audit.AuditTrail;

/** Shows the last audit records, or one command's, or checks the log's hash chain. */
@Command(
        scope = "urbis",
        name = "audit",
        description = "Shows the last audit records, or one command's, or verifies the audit " + "log's hash chain")
@Service
public class AuditCommand implements Action {

    @Option(name = "--verify", description = "Check the hash chain and name the first bad record")
    boolean verify;

    @Option(name = "--last", description = "How many of the latest records to show")
    int last = 20;

    @Option(
            name = "--command",
            description = "Show every record of this command id: received, each device's states, summary")
    String command;

    @Option(name = "--since", description = "With --command: how far back to look, an ISO-8601 duration (default P1D)")
    String since = "P1D";

    @Reference
    AuditTrail audit;

    @Override
    public Object execute() throws Exception {
        if (verify) {
            System.out.println(audit.verify());
            return null;
        }
        if (command != null) {
            Duration back;
            try {
                back = Duration.parse(since);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--since takes an ISO-8601 duration such as PT6H or P7D, not '" + since + "'");
            }
            List<AuditEntry> records = audit.ofCommand(command, Instant.now().minus(back));
            if (records.isEmpty()) {
                System.out.println("no record of command '" + command + "' in the last " + back);
            }
            records.forEach(AuditCommand::print);
            return null;
        }
        audit.last(Math.max(0, last)).forEach(AuditCommand::print);
        return null;
    }

    /** A record as written, every field included. */
    private static void print(AuditEntry record) {
        System.out.println(record.line());
    }
}
