/**
 * Services the platform offers to other bundles: the device registry, device I/O, the inventory, platform
 * alarms and the site's time zone.
 */
@Export
@Version("1.3.0")
package org.urbis.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
