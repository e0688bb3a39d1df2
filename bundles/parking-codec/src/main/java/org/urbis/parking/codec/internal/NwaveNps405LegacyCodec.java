package org.urbis.parking.codec.internal;

import org.osgi.service.component.annotations.Component;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;

/**
 * Nwave NPS405 before the 2023 layout: occupancy in bit 7 of the first byte, the other seven bits
 * in bits 0-6 (Nwave's earlier decoder, vendor/nwave/nps405.js before 2023). Chosen for devices
 * whose {@code firmware} option is older than 2.4.9.
 */
@Component(service = PayloadCodec.class)
public final class NwaveNps405LegacyCodec implements PayloadCodec {

    private final NwaveNps405Codec layout = new NwaveNps405Codec(true);

    @Override
    public String model() {
        return NwaveNps405Codec.MODEL;
    }

    @Override
    public boolean readsFirmware(String firmware) {
        return !firmware.isEmpty() && Firmware.before(firmware, Firmware.NPS405_CURRENT_LAYOUT);
    }

    @Override
    public SensorFrame decode(int fPort, byte[] payload) throws FrameRefused {
        return layout.decode(fPort, payload);
    }
}
