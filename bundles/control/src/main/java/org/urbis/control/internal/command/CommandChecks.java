package org.urbis.control.internal.command;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.control.internal.audit.AuditReader;
import org.urbis.control.internal.audit.CommandRecords;

/**
 * The checks of a command as a whole, before its devices are looked at: the issuer holds a command role, the
 * expiry lies ahead and not too far, the id was not received before (across a restart too: the ids are read back
 * from the audit log), and the issuer keeps to its rate.
 */
final class CommandChecks {

    private static final Logger LOG = LoggerFactory.getLogger(CommandChecks.class);

    private final ControlSettings settings;
    private final IdWindow ids;
    private final Map<String, TokenBucket> issuerBuckets = new ConcurrentHashMap<>();

    CommandChecks(ControlSettings settings) {
        this.settings = settings;
        this.ids = new IdWindow(settings.dedupMaxIds());
    }

    /** Why the command is refused, if it is; otherwise its id is remembered from now on. */
    Optional<String> check(Command command, Set<String> roles, Instant now) {
        if (roles.stream().noneMatch(settings.commandRoles()::contains)) {
            return Optional.of(Refusal.NOT_AUTHORISED.because("issuer '" + command.issuer() + "' has none of the roles "
                    + new TreeSet<>(settings.commandRoles())));
        }
        if (!now.isBefore(command.expiry())) {
            return Optional.of(Refusal.EXPIRED.because("expired at " + command.expiry()));
        }
        if (command.expiry().isAfter(now.plus(settings.maxExpiry()))) {
            return Optional.of(
                    Refusal.EXPIRY_TOO_FAR.because("expiry may lie at most " + settings.maxExpiry() + " ahead"));
        }
        Instant window = now.plus(settings.dedupWindow());
        Instant until = command.expiry().isAfter(window) ? command.expiry() : window;
        switch (ids.remember(key(command.operation().name(), command.id()), until, now)) {
            case DUPLICATE:
                return Optional.of(Refusal.DUPLICATE.because("command id '" + command.id() + "' was received before"));
            case FULL:
                return Optional.of(Refusal.TOO_MANY_COMMANDS.because("too many command ids to remember; try later"));
            default:
                break;
        }
        if (!issuerBuckets
                .computeIfAbsent(
                        command.issuer(),
                        k -> new TokenBucket(
                                settings.issuerRate(k).perSecond(),
                                settings.issuerRate(k).burst(),
                                now))
                .tryTake(now)) {
            return Optional.of(
                    Refusal.RATE_LIMITED.because("issuer '" + command.issuer() + "' sends too many commands"));
        }
        return Optional.empty();
    }

    /** An id is a repeat only for the same operation: a SELECT and its OPERATE may share one. */
    private static String key(String operation, String id) {
        return operation + "/" + id;
    }

    /**
     * Remembers again the ids of the commands the audit log received within their window, so
     * that a restart does not let a repeated id through. Only the segments that can hold such
     * commands are read. Returns how many were restored.
     */
    int restoreIds(AuditReader audit, Instant now) throws IOException {
        Duration longest = settings.dedupWindow().compareTo(settings.maxExpiry()) > 0
                ? settings.dedupWindow()
                : settings.maxExpiry();
        int restored = 0;
        for (String line : audit.since(now.minus(longest))) {
            try {
                Optional<CommandRecords.Received> received = CommandRecords.readReceived(line);
                if (received.isEmpty()) {
                    continue;
                }
                CommandRecords.Received r = received.get();
                Instant window = r.time().plus(settings.dedupWindow());
                Instant until = r.expiry().isAfter(window) ? r.expiry() : window;
                if (!until.isBefore(now)
                        && ids.remember(key(r.operation(), r.commandId()), until, now) == IdWindow.Outcome.NEW) {
                    restored++;
                }
            } catch (DateTimeParseException e) {
                LOG.warn("Skipping an audit record with a bad time while restoring command ids");
            }
        }
        return restored;
    }
}
