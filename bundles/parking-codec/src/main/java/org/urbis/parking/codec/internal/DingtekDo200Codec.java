package org.urbis.parking.codec.internal;

import org.osgi.service.component.annotations.Component;
import org.urbis.parking.codec.PayloadCodec;

/** Dingtek DO200: model code 0x02, 21-byte telemetry without temperature. */
@Component(service = PayloadCodec.class)
public final class DingtekDo200Codec extends DingtekDo20xCodec {

    public DingtekDo200Codec() {
        super("dingtek-do200", 0x02, 21);
    }
}
