/**
 * The event stream of value, health, alarm and inventory changes, delivered in batches with bounded queues.
 */
@Export
@Version("1.0.0")
package org.urbis.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
