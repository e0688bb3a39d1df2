package org.urbis.parking.codec;

import java.util.Arrays;

/** A payload for a sensor and the port it goes to. */
public record Downlink(int fPort, byte[] payload) {

    public Downlink {
        if (fPort < 1 || fPort > 223) {
            throw new IllegalArgumentException("fPort " + fPort + " is not an application port (1-223)");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Downlink d && d.fPort == fPort && Arrays.equals(d.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * fPort + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Downlink[fPort=" + fPort + ", payload=" + Frames.hex(payload) + "]";
    }
}
