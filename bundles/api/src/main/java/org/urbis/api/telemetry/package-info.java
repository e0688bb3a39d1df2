/**
 * The state of the telemetry uplink to the operations centre.
 */
@Export
@Version("1.0.0")
package org.urbis.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
