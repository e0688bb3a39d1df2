package org.urbis.parking.codec.internal;

import org.osgi.service.component.annotations.Component;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;

/** Dingtek DO201: model code 0x31, 23-byte telemetry with the temperature (signed, °C) in byte 17. */
@Component(service = PayloadCodec.class)
public final class DingtekDo201Codec extends DingtekDo20xCodec {

    public DingtekDo201Codec() {
        super("dingtek-do201", 0x31, 23);
    }

    @Override
    void temperature(SensorFrame.Builder b, byte[] p) {
        b.temperature(p[17]);
    }
}
