package org.urbis.api.runtime;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The time zone of the site a runtime serves (the control settings' {@code site.zone}), in which
 * people read its times: the console shows every time in it, with the offset, so that a time never
 * leaves unsaid which zone it is in.
 *
 * @since 1.2
 */
@ProviderType
public interface SiteZone {

    /** How times are shown: local date and time, then the offset. */
    DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    /** The site's zone. */
    ZoneId zone();

    /** {@code instant} as the site reads it, e.g. {@code 2026-12-01 18:00:05 +07:00}; {@code never} for null. */
    default String format(Instant instant) {
        return instant == null ? "never" : FORMAT.format(instant.atZone(zone()));
    }

    /** {@code site}, or the runtime's own zone while no site is known: its times still carry their offset. */
    static SiteZone orSystem(SiteZone site) {
        return site != null ? site : ZoneId::systemDefault;
    }
}
