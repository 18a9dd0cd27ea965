package io.exposureguard.core.audit;

import java.time.Duration;

/** Exponential backoff between failed audits: debounce x 2^failures, at most one minute. */
public final class AuditBackoff {

    static final Duration MAX = Duration.ofMinutes(1);

    private AuditBackoff() {
    }

    public static Duration after(int consecutiveFailures, Duration debounce) {
        long base = Math.max(50, debounce.toMillis());
        int shift = Math.min(Math.max(consecutiveFailures, 1), 20);
        long millis = base << shift;
        return millis <= 0 || millis > MAX.toMillis() ? MAX : Duration.ofMillis(millis);
    }
}
