/**
 * A DNP3 outstation for simulators and tests: a point database with per-class event buffers, class and range
 * reads, unsolicited responses, select-before-operate and direct operate, time synchronisation and restart
 * indication, written to IEEE 1815 rather than to this bundle's master.
 */
@Export
@Version("1.1.0")
package org.urbis.dnp3.outstation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
