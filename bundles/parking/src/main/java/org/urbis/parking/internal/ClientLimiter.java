package org.urbis.parking.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at {@code perSecond}.
 * Idle clients are forgotten so that the table stays small.
 */
final class ClientLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final double burst;
    private final double perNano;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    ClientLimiter(int burst, double perSecond) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("rate limit needs a burst of at least 1 and a positive rate");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
    }

    /** Takes a token for the client; returns 0 when allowed, else the seconds to wait. */
    long take(String client, long nowNanos) {
        if (buckets.size() > MAX_CLIENTS) {
            forgetIdle(nowNanos);
        }
        double[] b = buckets.computeIfAbsent(client, c -> new double[] {burst, nowNanos});
        synchronized (b) {
            b[0] = Math.min(burst, b[0] + (nowNanos - b[1]) * perNano);
            b[1] = nowNanos;
            if (b[0] >= 1) {
                b[0] -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b[0]) / perNano / 1e9));
        }
    }

    private void forgetIdle(long nowNanos) {
        for (Iterator<double[]> it = buckets.values().iterator(); it.hasNext();) {
            double[] b = it.next();
            if (burst <= (nowNanos - b[1]) * perNano + b[0]) {
                it.remove();
            }
        }
    }
}
