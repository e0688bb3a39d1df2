package org.urbis.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The polling engine's counters, offered by the core for metrics and status pages.
 *
 * @since 1.2
 */
@ProviderType
public interface PollMonitor {

    PollCounters pollCounters();
}
