/**
 * Central irrigation programs as the REST API and the console read them: the programs in force and a preview
 * of each zone's runs with the reason for their length.
 */
@Export
@Version("1.2.0")
package org.urbis.api.irrigation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
