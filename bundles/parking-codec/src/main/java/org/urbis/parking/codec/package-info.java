/**
 * Payload codecs of parking sensors: a {@link org.urbis.parking.codec.PayloadCodec} turns the bytes a
 * sensor sent on a LoRaWAN port into a {@link org.urbis.parking.codec.SensorFrame}, or refuses them with a
 * {@link org.urbis.parking.codec.FrameRefused} naming the port and the byte. A vendor ships its codec as a
 * DS service in a bundle of its own; the parking driver picks it up at runtime by model.
 *
 * <p>Versioned on its own, apart from the driver: updating the driver refreshes no vendor's codec.
 */
@Export
@Version("1.0.0")
package org.urbis.parking.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
