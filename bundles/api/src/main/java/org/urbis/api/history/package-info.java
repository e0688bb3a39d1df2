/**
 * The history of values, health and alarms kept on disk by the platform: raw and downsampled queries.
 */
@Export
@Version("1.1.0")
package org.urbis.api.history;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
