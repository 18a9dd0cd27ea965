package io.exposureguard.core.remediation;

import java.time.Duration;
import java.time.Instant;

/** A token bucket: {@code perMinute} writes, refilled continuously. The caller passes the time. */
public final class RateLimiter {

    private final int perMinute;
    private double tokens;
    private Instant last;

    public RateLimiter(int perMinute) {
        this.perMinute = Math.max(0, perMinute);
        this.tokens = this.perMinute;
    }

    public synchronized boolean tryAcquire(Instant now) {
        if (last != null) {
            double refill = Duration.between(last, now).toMillis() / 60_000.0 * perMinute;
            tokens = Math.min(perMinute, tokens + Math.max(0, refill));
        }
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
