/**
 * The tamper-evident command audit log, as other bundles read and check it.
 */
@Export
@Version("1.0.0")
package org.urbis.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
