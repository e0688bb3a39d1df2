/**
 * Modbus TCP for drivers: a point's address and options become a {@link org.urbis.modbus.RegisterMapping},
 * mappings are merged into block reads by {@link org.urbis.modbus.BlockPlanner}, and
 * {@link org.urbis.modbus.ModbusDevice} reads and writes a device's points over a connection shared per
 * host and port ({@link org.urbis.modbus.ModbusLinks}).
 */
@Export
@Version("1.0.0")
package org.urbis.modbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
