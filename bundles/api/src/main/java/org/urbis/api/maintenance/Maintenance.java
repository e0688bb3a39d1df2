package org.urbis.api.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.device.Device;

/**
 * The maintenance windows of the site, kept across restarts. A window ends on its own at its end
 * time; one target has at most one window, and setting it again replaces it.
 */
@ProviderType
public interface Maintenance {

    /**
     * Puts a device or a group in maintenance from now until {@code end}.
     *
     * @param target a device id or {@code group:<group>}
     * @throws IllegalArgumentException naming what is wrong: an unknown device, a group with no
     *                                  device, an end not in the future, an empty reason
     */
    MaintenanceWindow set(String target, String reason, String by, Instant end);

    /** Ends a target's window now; empty when it had none. */
    Optional<MaintenanceWindow> clear(String target, String by);

    /** The windows in force, by target. */
    List<MaintenanceWindow> windows();

    /** The window in force that covers a device (its own before its groups'), if any. */
    Optional<MaintenanceWindow> windowFor(Device device);

    /**
     * An end as people give it: an ISO-8601 time with offset ({@code 2026-06-21T17:00+07:00}) or a
     * duration from now ({@code PT4H}).
     *
     * @throws IllegalArgumentException naming what is expected
     */
    static Instant endOf(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        try {
            return t.startsWith("P") || t.startsWith("p")
                    ? now.plus(Duration.parse(t))
                    : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "until: '" + t + "' is neither an ISO time with offset nor a duration such as PT4H");
        }
    }
}
