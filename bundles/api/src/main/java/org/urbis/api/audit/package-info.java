/**
 * The tamper-evident audit log, as other bundles read and check it, and append what they did outside the
 * command pipeline (drivers deployed or refused).
 */
@Export
@Version("1.2.0")
package org.urbis.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
