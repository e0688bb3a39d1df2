/**
 * Device health: the status a maintenance crew filters by, and the detail that says why.
 */
@Export
@Version("1.0.0")
package org.urbis.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
