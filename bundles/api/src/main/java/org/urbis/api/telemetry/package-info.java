/**
 * The state of the telemetry uplink to the operations centre, and the sources it reports besides the devices.
 */
@Export
@Version("1.1.0")
package org.urbis.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
