package io.exposureguard.app.admission;

import java.util.HashMap;
import java.util.Map;

/**
 * How many request-body bytes the webhooks hold at once, in total and per client address. A review reserves
 * its declared {@code Content-Length} before its body is read and gives it back when it is answered, so bodies
 * being read (fast or slowly) can never hold more memory than {@code total}, and one client (a tenant's pod
 * calling the webhook port directly) never more than {@code perSource}: the API server's own requests keep their
 * room however many connections another address keeps open.
 */
public final class IntakeBudget {

    private final long total;
    private final long perSource;
    private long used;
    private final Map<String, Long> usedBySource = new HashMap<>();

    public IntakeBudget(long total, long perSource) {
        if (total <= 0 || perSource <= 0) {
            throw new IllegalArgumentException("intake budget must be positive, got total " + total + " and per source " + perSource);
        }
        this.total = total;
        this.perSource = Math.min(perSource, total);
    }

    /** Reserves {@code bytes} for {@code source}; false (nothing reserved) when that would exceed either limit. */
    public synchronized boolean tryReserve(String source, long bytes) {
        long ofSource = usedBySource.getOrDefault(source, 0L);
        if (bytes < 0 || used + bytes > total || ofSource + bytes > perSource) {
            return false;
        }
        used += bytes;
        usedBySource.put(source, ofSource + bytes);
        return true;
    }

    /** Gives back what {@link #tryReserve} reserved. */
    public synchronized void release(String source, long bytes) {
        long ofSource = usedBySource.getOrDefault(source, 0L) - bytes;
        if (ofSource <= 0) {
            usedBySource.remove(source);
        } else {
            usedBySource.put(source, ofSource);
        }
        used = Math.max(0, used - bytes);
    }

    public synchronized long used() {
        return used;
    }

    public synchronized long usedBy(String source) {
        return usedBySource.getOrDefault(source, 0L);
    }
}
