/**
 * Simulated grid meters: {@link org.urbis.simulator.gridmeter.Dnp3Meter} (a DNP3 outstation of the
 * urbis-dnp3 bundle, listening or dialing in) and {@link org.urbis.simulator.gridmeter.Sdm630Meter}
 * (an Eastron SDM630-style Modbus TCP meter on a j2mod slave).
 */
@Export
@Version("1.0.0")
package org.urbis.simulator.gridmeter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
