/**
 * Services the platform offers to other bundles: the device registry, device I/O, the inventory, platform
 * alarms, the site's time zone, and the warm-up of a code path before its first use.
 */
@Export
@Version("1.5.0")
package org.urbis.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
