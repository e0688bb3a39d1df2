/**
 * Services the platform offers to other bundles: the device registry, device I/O, the inventory, platform
 * alarms, the site's time zone, the warm-up of a code path before its first use, and the factory of the
 * platform's named threads.
 */
@Export
@Version("1.7.0")
package org.urbis.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
