/**
 * Point values with their source timestamp and quality. A value is never invented: a point that was not read has no value.
 */
@Export
@Version("1.1.0")
package org.urbis.api.value;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
