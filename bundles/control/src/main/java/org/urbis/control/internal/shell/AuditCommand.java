package org.urbis.control.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.control.internal.ControlService;
import org.urbis.control.internal.audit.AuditVerifier;

/** Shows the last audit records, or checks the log's hash chain. */
@Command(scope = "urbis", name = "audit", description = "Shows the last audit records, or verifies the audit log's hash chain")
@Service
public class AuditCommand implements Action {

    @Option(name = "--verify", description = "Check the hash chain and name the first bad record")
    boolean verify;

    @Option(name = "--last", description = "How many of the latest records to show")
    int last = 20;

    @Reference
    ControlService control;

    @Override
    public Object execute() throws Exception {
        if (verify) {
            AuditVerifier.Verification v = AuditVerifier.verify(control.audit().file());
            System.out.println(v);
            return null;
        }
        control.audit().last(Math.max(0, last)).forEach(System.out::println);
        return null;
    }
}
