/**
 * Driver deployment by a vendor: a driver bundle verified against the site's trust store, installed
 * in place of the version before it, listed with its signer and devices, and rolled back.
 */
@Export
@Version("1.0.0")
package org.urbis.api.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
