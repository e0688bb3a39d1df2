package org.urbis.driver.parking.internal;

import java.time.Instant;

/** What a network server reports about one device, whichever server it is; times are the server's. */
sealed interface NetworkEvent {

    /** The DevEUI, 16 upper-case hex digits. */
    String devEui();

    /** When the network server saw it. */
    Instant time();

    /** An application uplink; {@code rssi} and {@code snr} of the best gateway, null when none was reported. */
    record Uplink(String devEui, Instant time, long fCnt, int fPort, byte[] payload, Double rssi, Double snr)
            implements NetworkEvent {}

    /** The device's own battery report (ChirpStack's DevStatusAns); null when the device cannot measure it. */
    record Status(String devEui, Instant time, Double batteryPercent) implements NetworkEvent {}

    /** The device (re)joined: its frame counters start again. */
    record Joined(String devEui, Instant time) implements NetworkEvent {}

    /** A server log entry about the device, e.g. UPLINK_F_CNT_RETRANSMISSION or UPLINK_F_CNT_RESET. */
    record Logged(String devEui, Instant time, String code, String description) implements NetworkEvent {}

    /** A queued downlink went out over the air (ChirpStack txack, The Things Stack down/sent). */
    record DownlinkSent(String devEui, Instant time) implements NetworkEvent {}

    /** The device acknowledged a confirmed downlink, or said it did not (ChirpStack ack, The Things Stack down/ack). */
    record DownlinkAcknowledged(String devEui, Instant time, boolean acknowledged) implements NetworkEvent {}
}
