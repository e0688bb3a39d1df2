/**
 * Simulated water RTUs over Modbus TCP: {@link org.urbis.simulator.water.WaterSimulator} runs a
 * j2mod slave serving any number of units behind a {@link org.urbis.simulator.water.FaultProxy}
 * that injects slow replies, exception codes, dropped connections and garbled frames.
 */
@Export
@Version("1.0.0")
package org.urbis.simulator.water;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
