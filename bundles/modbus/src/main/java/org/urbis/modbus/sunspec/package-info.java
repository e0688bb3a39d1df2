/**
 * SunSpec over Modbus: finding a device's models ({@link org.urbis.modbus.sunspec.ModelChain}), the
 * published layouts of the models Urbis reads ({@link org.urbis.modbus.sunspec.SunSpecModel}: common 1,
 * inverters 101-103, nameplate 120, immediate controls 123, meters 201-204), and decoding a model's
 * registers with its scale factors, "not implemented" values reading as no value
 * ({@link org.urbis.modbus.sunspec.ModelBlock}).
 */
@Export
@Version("1.0.0")
package org.urbis.modbus.sunspec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
