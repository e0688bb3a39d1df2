package org.urbis.modbus;

import java.time.Duration;

/**
 * How a Modbus master behaves.
 *
 * @param timeout      longest wait for one reply (the caller's own deadline may cut it shorter)
 * @param retries      further attempts after a failed request (I/O error, timeout, garbled reply, busy)
 * @param retryBackoff delay before the first retry; doubled on each further one
 * @param maxSpan      most registers one block read covers (the protocol allows 125)
 * @param maxGap       most unused registers or bits read to join two points into one block
 * @param maxBitSpan   most coils or discrete inputs one block read covers (the protocol allows 2000)
 */
public record ModbusSettings(
        Duration timeout, int retries, Duration retryBackoff, int maxSpan, int maxGap, int maxBitSpan) {

    /** 2 s replies, 2 retries from 100 ms, blocks of up to 64 registers with holes of up to 8. */
    public static final ModbusSettings DEFAULTS =
            new ModbusSettings(Duration.ofSeconds(2), 2, Duration.ofMillis(100), 64, 8, 256);

    public ModbusSettings {
        if (timeout.isNegative() || timeout.isZero() || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive and the backoff not negative");
        }
        if (retries < 0 || maxGap < 0) {
            throw new IllegalArgumentException("retries and maxGap must not be negative");
        }
        if (maxSpan < 2 || maxSpan > 125 || maxBitSpan < 1 || maxBitSpan > 2000) {
            throw new IllegalArgumentException("maxSpan must be 2-125 registers and maxBitSpan 1-2000 bits");
        }
    }
}
