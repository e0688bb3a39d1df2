package org.urbis.api.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The command audit log, offered by the control bundle: read it and check that nobody altered it. */
@ProviderType
public interface AuditTrail {

    /** The records matching a query, oldest first. */
    List<AuditEntry> query(AuditQuery query) throws IOException;

    /** Checks the hash chain across every segment present. */
    AuditCheck verify() throws IOException;

    /**
     * The last records of the log, oldest first, whatever they record; only the newest segments are read.
     *
     * @param count how many, 0 or more
     * @return at most {@code count} records
     * @throws IOException when the log cannot be read
     * @since 1.2
     */
    List<AuditEntry> last(int count) throws IOException;

    /**
     * Every record of one command, oldest first, however many: a group command of 10,000 devices writes some 40,000,
     * more than a {@link AuditQuery} returns.
     *
     * @param commandId the command
     * @param since     only records appended at or after this instant (it bounds what is read)
     * @return its records: received, each device's states, the summary
     * @throws IOException when the log cannot be read
     * @since 1.2
     */
    List<AuditEntry> ofCommand(String commandId, Instant since) throws IOException;
}
