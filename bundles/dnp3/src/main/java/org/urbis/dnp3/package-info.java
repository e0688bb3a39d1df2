/**
 * A DNP3 (IEEE 1815) master for drivers: the values, qualities, commands and status codes an outstation
 * association exchanges. The link, transport and application layers behind it are private to the bundle.
 */
@Export
@Version("1.1.0")
package org.urbis.dnp3;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
