package org.urbis.parking.codec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;
import org.urbis.parking.codec.SensorFrame.Kind;

/**
 * Every built-in codec on its vendor's own example frames: the {@code examples} of each model's
 * codec file in The Things Network's device repository (github.com/TheThingsNetwork/lorawan-devices,
 * vendor/nwave/nps310sm-codec.yaml, vendor/nwave/nps405-codec.yaml, vendor/bosch/tps110-0292-codec.yaml,
 * vendor/dingtek/do200-codec.yaml and do201-codec.yaml), with the values the vendor's decoder gives.
 */
class VendorExamplesTest {

    private static SensorFrame decode(PayloadCodec codec, int fPort, int... bytes) throws FrameRefused {
        byte[] p = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            p[i] = (byte) bytes[i];
        }
        return codec.decode(fPort, p);
    }

    // ---- Nwave NPS310 (nps310sm-codec.yaml) ----

    @Test
    void nps310ParkingStatus() throws FrameRefused {
        SensorFrame f = decode(new NwaveNps310Codec(), 1, 1);
        assertEquals(Kind.STATUS, f.kind());
        assertEquals(Optional.of(true), f.occupied());
    }

    @Test
    void nps310Heartbeat() throws FrameRefused {
        SensorFrame f = decode(new NwaveNps310Codec(), 2, 0);
        assertEquals(Kind.HEARTBEAT, f.kind());
        assertEquals(Optional.of(false), f.occupied());
    }

    @Test
    void nps310Startup() throws FrameRefused {
        SensorFrame f = decode(new NwaveNps310Codec(), 3, 0x01, 0x0D, 0x00, 0x02, 0x00);
        assertEquals(Kind.STARTUP, f.kind());
        assertEquals(Optional.of("1.13.0"), f.firmware());
        assertEquals(Optional.of("power_on"), f.resetCause());
        assertEquals(Optional.of(false), f.occupied());
    }

    // ---- Nwave NPS405 (nps405-codec.yaml) ----

    @Test
    void nps405ParkingStatusWithThePreviousStateDuration() throws FrameRefused {
        SensorFrame f = decode(new NwaveNps405Codec(), 1, 0x95);
        assertEquals(Optional.of(true), f.occupied());
        assertEquals(Optional.of(Duration.ofMinutes(74)), f.previousState());
        assertFalse(f.previousStateOverflow());
    }

    @Test
    void nps405TagRegistration() throws FrameRefused {
        // previous_state_duration 160 (error 4): code 104 in the 5-minute steps
        SensorFrame f = decode(new NwaveNps405Codec(), 10, 0xD1, 0x20, 0x1F, 0x34, 0x56);
        assertEquals(Optional.of(true), f.occupied());
        assertEquals(Optional.of(Duration.ofMinutes(160)), f.previousState());
    }

    @Test
    void nps405Heartbeat() throws FrameRefused {
        SensorFrame f = decode(new NwaveNps405Codec(), 2, 0x00, 0xD3, 0xD8, 0x00, 0x59, 0x0B);
        assertEquals(Kind.HEARTBEAT, f.kind());
        assertEquals(Optional.of(false), f.occupied());
        assertEquals(3.344, f.batteryVolts().orElseThrow(), 1e-9);
        assertEquals(-10.0, f.temperature().orElseThrow(), 1e-9);
        assertEquals(Optional.of(false), f.lowBattery(), "battery_health: normal");
        assertEquals(Optional.empty(), f.fault(), "hw_health_status: 0");
    }

    @Test
    void nps405Startup() throws FrameRefused {
        SensorFrame f = decode(new NwaveNps405Codec(), 3, 0x02, 0x04, 0x09, 0x02, 0x00);
        assertEquals(Optional.of("2.4.9"), f.firmware());
        assertEquals(Optional.of("power_on"), f.resetCause());
        assertEquals(Optional.of(false), f.occupied());
    }

    @Test
    void nps405BeforeTheLayoutOf2023ReadsBit7() throws FrameRefused {
        // the same byte in the earlier layout (vendor/nwave/nps405.js before 2023): bit 7 occupied, bits 0-6 duration
        SensorFrame f = decode(new NwaveNps405LegacyCodec(), 1, 0x95);
        assertEquals(Optional.of(true), f.occupied());
        assertEquals(Optional.of(Duration.ofMinutes(21)), f.previousState());
        SensorFrame overflow = decode(new NwaveNps405LegacyCodec(), 1, 0x7F);
        assertEquals(Optional.of(false), overflow.occupied());
        assertTrue(overflow.previousStateOverflow());
    }

    @Test
    void theNps405CodecIsChosenByFirmware() {
        assertTrue(new NwaveNps405Codec().readsFirmware(""));
        assertTrue(new NwaveNps405Codec().readsFirmware("2.4.9"));
        assertTrue(new NwaveNps405Codec().readsFirmware("2.10.0"));
        assertFalse(new NwaveNps405Codec().readsFirmware("2.3.1"));
        assertTrue(new NwaveNps405LegacyCodec().readsFirmware("2.3.1"));
        assertFalse(new NwaveNps405LegacyCodec().readsFirmware(""));
        assertFalse(new NwaveNps405LegacyCodec().readsFirmware("2.4.9"));
    }

    // ---- Bosch TPS110 (tps110-0292-codec.yaml) ----

    @Test
    void tps110ParkingStatus() throws FrameRefused {
        assertEquals(Optional.of(true), decode(new BoschTps110Codec(), 1, 1).occupied());
    }

    @Test
    void tps110Heartbeat() throws FrameRefused {
        SensorFrame f = decode(new BoschTps110Codec(), 2, 1, 255);
        assertEquals(Optional.of(true), f.occupied());
        assertEquals(-1.0, f.temperature().orElseThrow(), 1e-9);
    }

    @Test
    void tps110Startup() throws FrameRefused {
        SensorFrame f = decode(new BoschTps110Codec(), 3, 0x24, 3, 0, 0, 0x75, 3, 0, 0, 0, 0, 0, 0, 0, 29, 2, 3, 1);
        assertEquals(Optional.of("0.29.2"), f.firmware());
        assertEquals(Optional.of("system_request"), f.resetCause());
        assertEquals(Optional.of(true), f.occupied());
    }

    // ---- Dingtek DO200 / DO201 (do200-codec.yaml, do201-codec.yaml) ----

    @Test
    void do200Telemetry() throws FrameRefused {
        SensorFrame f = decode(
                new DingtekDo200Codec(),
                3,
                0x80,
                0x00,
                0x02,
                0x01,
                0x15,
                0x00,
                0x00,
                0x00,
                0x00,
                0x01,
                0x6F,
                0x00,
                0x79,
                0xFF,
                0xB0,
                0xFF,
                0xF5,
                0x00,
                0x00,
                0x00,
                0x81);
        assertEquals(Kind.HEARTBEAT, f.kind());
        assertEquals(Optional.of(false), f.occupied(), "alarmPark: false");
        assertEquals(Optional.of(false), f.tamper(), "alarmMagnet: false");
        assertEquals(Optional.of(false), f.lowBattery(), "alarmBattery: false");
        assertEquals(3.67, f.batteryVolts().orElseThrow(), 1e-9);
        assertEquals(Optional.empty(), f.temperature());
    }

    @Test
    void do200Parameters() throws FrameRefused {
        SensorFrame f = decode(
                new DingtekDo200Codec(),
                3,
                0x80,
                0x00,
                0x02,
                0x03,
                0x11,
                0x00,
                0x0B,
                0x18,
                0x02,
                0x0A,
                0x05,
                0xA0,
                0x00,
                0x3C,
                0x00,
                0x00,
                0x81);
        assertEquals(Kind.OTHER, f.kind());
        assertEquals(Optional.of("0.11"), f.firmware());
        assertEquals(Optional.empty(), f.occupied());
    }

    @Test
    void do201Telemetry() throws FrameRefused {
        SensorFrame f = decode(
                new DingtekDo201Codec(),
                3,
                0x80,
                0x00,
                0x31,
                0x02,
                0x17,
                0x06,
                0xB4,
                0x00,
                0x00,
                0x01,
                0x61,
                0x00,
                0x10,
                0xFF,
                0xF6,
                0xFF,
                0xF0,
                0x8B,
                0x2D,
                0x00,
                0x01,
                0x00,
                0x81);
        assertEquals(Kind.STATUS, f.kind());
        assertEquals(Optional.of(false), f.occupied());
        assertEquals(3.53, f.batteryVolts().orElseThrow(), 1e-9);
        assertEquals(-117.0, f.temperature().orElseThrow(), 1e-9);
    }

    @Test
    void do201Parameters() throws FrameRefused {
        SensorFrame f = decode(
                new DingtekDo201Codec(),
                3,
                0x80,
                0x00,
                0x31,
                0x03,
                0x10,
                0x01,
                0x01,
                0x18,
                0x1E,
                0x3C,
                0x00,
                0x3C,
                0x14,
                0x00,
                0x00,
                0x81);
        assertEquals(Optional.of("1.1"), f.firmware());
    }

    // ---- refusals name the port and the byte ----

    @Test
    void aFrameThatDoesNotFitIsRefusedWithPortAndByte() {
        FrameRefused tail = assertThrows(
                FrameRefused.class,
                () -> decode(
                        new DingtekDo200Codec(),
                        3,
                        0x80,
                        0x00,
                        0x02,
                        0x01,
                        0x15,
                        0x00,
                        0x00,
                        0x10,
                        0x00,
                        0x01,
                        0x6F,
                        0x00,
                        0x79,
                        0xFF,
                        0xB0,
                        0xFF,
                        0xF5,
                        0x00,
                        0x00,
                        0x00,
                        0x82));
        assertEquals(20, tail.byteIndex());
        assertTrue(tail.describe().startsWith("port 3, byte 20: "), tail.describe());

        FrameRefused flag = assertThrows(FrameRefused.class, () -> decode(new BoschTps110Codec(), 1, 0x03));
        assertEquals(0, flag.byteIndex());

        FrameRefused shortHeartbeat =
                assertThrows(FrameRefused.class, () -> decode(new NwaveNps405Codec(), 2, 0x00, 0xD3));
        assertEquals(2, shortHeartbeat.byteIndex());
        assertEquals(2, shortHeartbeat.fPort());

        FrameRefused port = assertThrows(FrameRefused.class, () -> decode(new NwaveNps310Codec(), 9, 0x01));
        assertEquals(-1, port.byteIndex());
        assertTrue(port.describe().startsWith("port 9: "), port.describe());

        FrameRefused cause = assertThrows(FrameRefused.class, () -> decode(new NwaveNps405Codec(), 3, 2, 4, 9, 4, 0));
        assertEquals(3, cause.byteIndex());
    }
}
