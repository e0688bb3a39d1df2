/**
 * Services the platform core offers to other bundles: the device registry, device I/O and the inventory.
 */
@Export
@Version("1.2.0")
package org.urbis.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
