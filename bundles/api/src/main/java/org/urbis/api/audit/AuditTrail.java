package org.urbis.api.audit;

import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The command audit log, offered by the control bundle: read it and check that nobody altered it. */
@ProviderType
public interface AuditTrail {

    /** The records matching a query, oldest first. */
    List<AuditEntry> query(AuditQuery query) throws IOException;

    /** Checks the hash chain across every segment present. */
    AuditCheck verify() throws IOException;
}
