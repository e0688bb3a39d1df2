/**
 * A simulated park's irrigation: {@link org.urbis.simulator.irrigation.OpenSprinklerController} (the
 * OpenSprinkler HTTP API, with slow answers, refusals and result codes to inject),
 * {@link org.urbis.simulator.irrigation.IrrigationPlc} (a Modbus TCP valve PLC with a flow meter and a
 * mainline break to inject) and {@link org.urbis.simulator.irrigation.WeatherStation} (a station with
 * Phan Thiet's dry-season day, on Modbus TCP or publishing JSON over MQTT).
 */
@Export
@Version("1.0.0")
package org.urbis.simulator.irrigation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
