/**
 * A simulated low-voltage feeder ({@link org.urbis.simulator.pv.PvFeeder}) on one Modbus TCP server:
 * rooftop PV inverters, house meters and the transformer's meter, all speaking SunSpec.
 */
@Export
@Version("1.0.0")
package org.urbis.simulator.pv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
