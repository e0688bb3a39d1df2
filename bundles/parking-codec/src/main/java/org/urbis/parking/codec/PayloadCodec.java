package org.urbis.parking.codec;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decodes the uplinks of one sensor model (and the firmware versions that share its frame layout).
 * Registered as an OSGi service; the parking driver chooses it for a device whose options name its
 * {@link #model()}. Implementations are stateless and thread-safe.
 */
@ConsumerType
public interface PayloadCodec {

    /** The model devices name in their {@code model} option, lower case, e.g. {@code nwave-nps405}. */
    String model();

    /**
     * Whether this codec reads the frames of the given firmware version of its model. An empty
     * string means the device's firmware is not stated: the codec of the current layout says yes.
     */
    default boolean readsFirmware(String firmware) {
        return firmware.isEmpty();
    }

    /**
     * Decodes one uplink.
     *
     * @param fPort   the LoRaWAN port it came on (1–223)
     * @param payload the application payload, never null
     * @throws FrameRefused when the frame does not follow the format: never a guessed value
     */
    SensorFrame decode(int fPort, byte[] payload) throws FrameRefused;

    /** The downlink asking the sensor to recalibrate with its bay empty, if the model has one. */
    default Optional<Downlink> recalibration() {
        return Optional.empty();
    }

    /**
     * Whether {@code frame}, received after a recalibration was delivered, shows that it took
     * effect. By default any frame reading the bay empty does.
     */
    default boolean showsRecalibrated(SensorFrame frame) {
        return Boolean.FALSE.equals(frame.occupied().orElse(null));
    }
}
