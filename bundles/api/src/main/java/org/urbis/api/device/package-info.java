/**
 * The device model: devices, their points, data types, access and engineering limits.
 */
@Export
@Version("1.1.0")
package org.urbis.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
