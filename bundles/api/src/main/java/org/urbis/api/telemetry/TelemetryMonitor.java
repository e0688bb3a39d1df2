package org.urbis.api.telemetry;

import org.osgi.annotation.versioning.ProviderType;

/** What the telemetry bundle tells others about its link, for status pages and metrics. */
@ProviderType
public interface TelemetryMonitor {

    /** The link and buffer now. */
    TelemetryStatus current();
}
