/**
 * Lighting schedules and manual overrides, as the shell and the REST API manage them.
 */
@Export
@Version("1.0.0")
package org.urbis.api.schedule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
