package org.urbis.dnp3.outstation;

import java.time.Duration;

/**
 * How an outstation behaves.
 *
 * @param address the outstation's link address
 * @param masterAddress the only master it answers
 * @param maxFragmentSize the largest response fragment (default 2048, the standard's usual size)
 * @param eventBufferSize events kept per class before the oldest are dropped and IIN2.3 is set (default 100)
 * @param unsolicited whether it sends unsolicited responses: a null one at start, events once enabled
 * @param confirmTimeout how long it waits for an application confirm before retrying or giving up (default 5 s)
 * @param selectTimeout how long a SELECT stays valid for its OPERATE (default 10 s)
 * @param needTimeAtStart whether it asks for time (IIN1.4) from the start
 */
public record OutstationConfig(
        int address,
        int masterAddress,
        int maxFragmentSize,
        int eventBufferSize,
        boolean unsolicited,
        Duration confirmTimeout,
        Duration selectTimeout,
        boolean needTimeAtStart) {

    public OutstationConfig {
        if (address < 0
                || address > 0xFFEF
                || masterAddress < 0
                || masterAddress > 0xFFEF
                || address == masterAddress) {
            throw new IllegalArgumentException(
                    "addresses must differ and be 0..65519: " + address + ", " + masterAddress);
        }
        if (maxFragmentSize < 249 || maxFragmentSize > 65536) {
            throw new IllegalArgumentException("a fragment is 249..65536 bytes: " + maxFragmentSize);
        }
        if (eventBufferSize < 1) {
            throw new IllegalArgumentException("the event buffer needs room: " + eventBufferSize);
        }
        if (confirmTimeout == null
                || confirmTimeout.isNegative()
                || confirmTimeout.isZero()
                || selectTimeout == null
                || selectTimeout.isNegative()
                || selectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static OutstationConfig of(int address, int masterAddress) {
        return new OutstationConfig(
                address, masterAddress, 2048, 100, true, Duration.ofSeconds(5), Duration.ofSeconds(10), false);
    }

    public OutstationConfig withUnsolicited(boolean enabled) {
        return new OutstationConfig(
                address,
                masterAddress,
                maxFragmentSize,
                eventBufferSize,
                enabled,
                confirmTimeout,
                selectTimeout,
                needTimeAtStart);
    }

    public OutstationConfig withNeedTimeAtStart(boolean needTime) {
        return new OutstationConfig(
                address,
                masterAddress,
                maxFragmentSize,
                eventBufferSize,
                unsolicited,
                confirmTimeout,
                selectTimeout,
                needTime);
    }

    public OutstationConfig withMaxFragmentSize(int size) {
        return new OutstationConfig(
                address,
                masterAddress,
                size,
                eventBufferSize,
                unsolicited,
                confirmTimeout,
                selectTimeout,
                needTimeAtStart);
    }

    public OutstationConfig withEventBufferSize(int size) {
        return new OutstationConfig(
                address,
                masterAddress,
                maxFragmentSize,
                size,
                unsolicited,
                confirmTimeout,
                selectTimeout,
                needTimeAtStart);
    }
}
