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
import org.urbis.control.internal.ControlService;
import org.urbis.control.internal.audit.AuditVerifier;

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

    /**
     * The log itself rather than the API's AuditTrail: a query returns at most 10,000 records (a group command of
     * 10,000 devices has four times as many), and its check cannot say that the chain starts after archived segments.
     */
    @Reference
    ControlService control;

    @Override
    public Object execute() throws Exception {
        if (verify) {
            AuditVerifier.Verification v = AuditVerifier.verify(control.audit().file());
            System.out.println(v);
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
            List<String> records =
                    control.audit().reader().ofCommand(command, Instant.now().minus(back));
            if (records.isEmpty()) {
                System.out.println("no record of command '" + command + "' in the last " + back);
            }
            records.forEach(System.out::println);
            return null;
        }
        control.audit().reader().last(Math.max(0, last)).forEach(System.out::println);
        return null;
    }
}
