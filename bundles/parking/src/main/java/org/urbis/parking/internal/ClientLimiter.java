package org.urbis.parking.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at {@code perSecond};
 * named addresses (an aggregator, a national access point, a load test) may have a rate of their own.
 * Idle clients are forgotten so that the table stays small.
 */
final class ClientLimiter {

    private static final int MAX_CLIENTS = 100_000;

    /** A sustained rate and the burst allowed at once. */
    record Rate(double perSecond, int burst) {
        Rate {
            if (burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive rate");
            }
        }

        /**
         * Reads {@code address=<per second>/<burst>} entries, such as {@code 203.0.113.7=1000/2000}.
         *
         * @throws IllegalArgumentException naming the entry that is not of that form
         */
        static Map<String, Rate> parse(String[] entries) {
            Map<String, Rate> rates = new java.util.HashMap<>();
            for (String entry : entries) {
                for (String one : entry.split(",")) {
                    if (one.isBlank()) {
                        continue;
                    }
                    String[] parts = one.trim().split("[=/]");
                    try {
                        rates.put(
                                parts[0].trim(),
                                new Rate(Double.parseDouble(parts[1].trim()), Integer.parseInt(parts[2].trim())));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("rateLimit.clients entry '" + one.trim()
                                + "' is not <address>=<requests per second>/<burst>, such as 203.0.113.7=1000/2000");
                    }
                }
            }
            return rates;
        }
    }

    private static final class Bucket {
        final double burst;
        final double perNano;
        double tokens;
        long at;

        Bucket(Rate rate, long now) {
            this.burst = rate.burst();
            this.perNano = rate.perSecond() / 1e9;
            this.tokens = burst;
            this.at = now;
        }

        boolean idle(long now) {
            return burst <= (now - at) * perNano + tokens;
        }
    }

    private final Rate rate;
    private final Map<String, Rate> clients;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientLimiter(int burst, double perSecond) {
        this(new Rate(perSecond, burst), Map.of());
    }

    /** @param clients addresses whose rate is not {@code rate} */
    ClientLimiter(Rate rate, Map<String, Rate> clients) {
        this.rate = rate;
        this.clients = Map.copyOf(clients);
    }

    /** Takes a token for the client; returns 0 when allowed, else the seconds to wait. */
    long take(String client, long nowNanos) {
        if (buckets.size() > MAX_CLIENTS) {
            forgetIdle(nowNanos);
        }
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(clients.getOrDefault(c, rate), nowNanos));
        synchronized (b) {
            b.tokens = Math.min(b.burst, b.tokens + (nowNanos - b.at) * b.perNano);
            b.at = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / b.perNano / 1e9));
        }
    }

    private void forgetIdle(long nowNanos) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                if (b.idle(nowNanos)) {
                    it.remove();
                }
            }
        }
    }
}
