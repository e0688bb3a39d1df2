package org.urbis.dnp3;

import java.time.Duration;

/**
 * How a master talks to one outstation. Defaults ({@link #of(int, int)}) follow common utility practice.
 *
 * @param masterAddress the master's link address
 * @param outstationAddress the outstation's link address, also what identifies an outstation dialing in
 * @param responseTimeout how long to wait for each response fragment (default 5 s)
 * @param integrityPeriod class 1, 2, 3 and 0 poll (default 1 h); besides, one runs at startup and after an
 *     event buffer overflow
 * @param class0Period static data (class 0) poll, ZERO for none (default none)
 * @param class1Period class 1 event poll, ZERO for none (default 10 s); likewise class 2 and 3
 * @param unsolicited enable unsolicited responses for classes 1 to 3 at startup (default true)
 * @param timeSync how to set the outstation's clock when it asks (default LAN)
 * @param keepAlive REQUEST_LINK_STATUS after this long without traffic (default 60 s)
 * @param retryMin first retry delay after a failed connection or startup request (default 5 s); doubling
 * @param retryMax the longest retry delay (default 1 min)
 */
public record AssociationConfig(
        int masterAddress,
        int outstationAddress,
        Duration responseTimeout,
        Duration integrityPeriod,
        Duration class0Period,
        Duration class1Period,
        Duration class2Period,
        Duration class3Period,
        boolean unsolicited,
        TimeSyncMode timeSync,
        Duration keepAlive,
        Duration retryMin,
        Duration retryMax) {

    public AssociationConfig {
        checkAddress(masterAddress);
        checkAddress(outstationAddress);
        if (masterAddress == outstationAddress) {
            throw new IllegalArgumentException("master and outstation need different addresses: " + masterAddress);
        }
        positive("response timeout", responseTimeout);
        positive("integrity period", integrityPeriod);
        notNegative("class 0 period", class0Period);
        notNegative("class 1 period", class1Period);
        notNegative("class 2 period", class2Period);
        notNegative("class 3 period", class3Period);
        positive("keep-alive", keepAlive);
        positive("minimum retry delay", retryMin);
        if (retryMax == null || retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("the longest retry delay must not be below the first: " + retryMax);
        }
        if (timeSync == null) {
            throw new IllegalArgumentException("a time sync mode is needed, NONE for none");
        }
    }

    public static AssociationConfig of(int masterAddress, int outstationAddress) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                Duration.ZERO,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                true,
                TimeSyncMode.LAN,
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                Duration.ofMinutes(1));
    }

    public AssociationConfig withResponseTimeout(Duration timeout) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                timeout,
                integrityPeriod,
                class0Period,
                class1Period,
                class2Period,
                class3Period,
                unsolicited,
                timeSync,
                keepAlive,
                retryMin,
                retryMax);
    }

    /** Poll periods: integrity, then class 0, 1, 2, 3 (ZERO for none). */
    public AssociationConfig withPolls(
            Duration integrity, Duration class0, Duration class1, Duration class2, Duration class3) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                responseTimeout,
                integrity,
                class0,
                class1,
                class2,
                class3,
                unsolicited,
                timeSync,
                keepAlive,
                retryMin,
                retryMax);
    }

    public AssociationConfig withUnsolicited(boolean enabled) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                responseTimeout,
                integrityPeriod,
                class0Period,
                class1Period,
                class2Period,
                class3Period,
                enabled,
                timeSync,
                keepAlive,
                retryMin,
                retryMax);
    }

    public AssociationConfig withTimeSync(TimeSyncMode mode) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                responseTimeout,
                integrityPeriod,
                class0Period,
                class1Period,
                class2Period,
                class3Period,
                unsolicited,
                mode,
                keepAlive,
                retryMin,
                retryMax);
    }

    public AssociationConfig withKeepAlive(Duration period) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                responseTimeout,
                integrityPeriod,
                class0Period,
                class1Period,
                class2Period,
                class3Period,
                unsolicited,
                timeSync,
                period,
                retryMin,
                retryMax);
    }

    public AssociationConfig withRetry(Duration min, Duration max) {
        return new AssociationConfig(
                masterAddress,
                outstationAddress,
                responseTimeout,
                integrityPeriod,
                class0Period,
                class1Period,
                class2Period,
                class3Period,
                unsolicited,
                timeSync,
                keepAlive,
                min,
                max);
    }

    /** The period of the event poll of class 1, 2 or 3. */
    public Duration eventPeriod(int eventClass) {
        return switch (eventClass) {
            case 1 -> class1Period;
            case 2 -> class2Period;
            case 3 -> class3Period;
            default -> throw new IllegalArgumentException("event classes are 1 to 3: " + eventClass);
        };
    }

    private static void checkAddress(int address) {
        if (address < 0 || address > 0xFFEF) {
            throw new IllegalArgumentException("a DNP3 station address is 0..65519: " + address);
        }
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive: " + d);
        }
    }

    private static void notNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("the " + what + " must not be negative: " + d);
        }
    }
}
