package org.urbis.rest.internal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: a token bucket per client address and user name. Each failed login
 * takes a token; while the bucket is empty every login of that address and user is refused, right
 * or wrong, until a token has grown back. A successful login forgets the bucket.
 */
public final class LoginLimiter {

    /** Buckets kept at most; beyond, the full ones (nothing to remember) are dropped first. */
    private static final int MAX_KEYS = 10_000;

    private final int burst;
    private final Duration refill;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /**
     * @param burst  failed logins allowed in a row
     * @param refill how long one token takes to grow back
     */
    public LoginLimiter(int burst, Duration refill) {
        if (burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("login limit needs a burst >= 1 and a positive refill time");
        }
        this.burst = burst;
        this.refill = refill;
    }

    private static String key(String address, String user) {
        return address + '\u0000' + user;
    }

    /** How long the caller must wait before trying again, or empty when it may try now. */
    public Optional<Duration> retryAfter(String address, String user, Instant now) {
        Bucket b = buckets.get(key(address, user));
        if (b == null) {
            return Optional.empty();
        }
        synchronized (b) {
            grow(b, now);
            if (b.tokens >= 1) {
                return Optional.empty();
            }
            long nanos = (long) ((1 - b.tokens) * refill.toNanos());
            return Optional.of(Duration.ofNanos(nanos).plusSeconds(1).withNanos(0));
        }
    }

    /** Counts a failed login; returns whether that used the last token (the caller is now locked out). */
    public boolean failed(String address, String user, Instant now) {
        if (buckets.size() >= MAX_KEYS) {
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    grow(b, now);
                    return b.tokens >= burst;
                }
            });
        }
        Bucket b = buckets.computeIfAbsent(key(address, user), k -> new Bucket(burst, now));
        synchronized (b) {
            grow(b, now);
            b.tokens = Math.max(0, b.tokens - 1);
            return b.tokens < 1;
        }
    }

    /** Forgets the failures of an address and user that logged in. */
    public void succeeded(String address, String user) {
        buckets.remove(key(address, user));
    }

    private void grow(Bucket b, Instant now) {
        if (now.isAfter(b.at)) {
            b.tokens = Math.min(
                    burst, b.tokens + (double) Duration.between(b.at, now).toNanos() / refill.toNanos());
            b.at = now;
        }
    }
}
