package org.urbis.api.audit;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Appends to the audit log what happens to the platform outside the command pipeline, such as a
 * driver deployed, refused or rolled back. Its records sit in the same hash chain as the commands'.
 *
 * @since 1.1
 */
@ProviderType
public interface AuditRecorder {

    /**
     * Appends a record; the stage completes once it is in the log.
     *
     * @param event   upper-case, what happened, e.g. {@code DRIVER_INSTALLED}
     * @param subject what it happened to, e.g. a bundle's symbolic name and version
     * @param issuer  who did it (a user name), or {@code platform}
     * @param detail  why or how, or empty
     */
    CompletionStage<Long> record(String event, String subject, String issuer, String detail);
}
