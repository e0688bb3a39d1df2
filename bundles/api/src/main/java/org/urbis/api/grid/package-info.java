/**
 * The smart grid per feeder as operators see it: each feeder's limits and controller modes, its 48 h load and PV
 * forecast with the forecast's accuracy, and what its peak and export controllers did or propose, with a way to
 * approve a proposal.
 */
@Export
@Version("1.0.0")
package org.urbis.api.grid;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
