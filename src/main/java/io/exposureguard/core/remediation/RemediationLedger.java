package io.exposureguard.core.remediation;

import io.exposureguard.core.model.ObjectRef;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What this replica patched and when, so a patch that another controller undoes is noticed instead of
 * re-applied in a loop. A target whose exposure returns after our patch (a newer version than the one we
 * patched is cached) counts as reverted: it is quarantined and not patched again for the back-off.
 * In memory: after a restart, the {@code exposureguard.io/remediated-at} annotation our patch leaves tells
 * the same story when it survived the revert; otherwise one more patch is tried, so writes stay bounded.
 */
public final class RemediationLedger {

    public enum State {
        /** Never patched, or long enough ago that a new exposure is a new problem. */
        NONE,
        /** Patched; the cache has not seen our write yet. */
        PENDING,
        /** Patched, and the exposure is back in a later version of the object. */
        REVERTED
    }

    private record Patched(String versionBefore, Instant at) {
    }

    private final Duration revertWindow;
    private final Duration revertBackoff;
    private final Map<ObjectRef, Patched> patched = new HashMap<>();
    private final Map<ObjectRef, Instant> revertedUntil = new HashMap<>();

    public RemediationLedger(Duration revertWindow, Duration revertBackoff) {
        this.revertWindow = revertWindow;
        this.revertBackoff = revertBackoff;
    }

    /** The state of a target that still has fix findings, given the resourceVersion the cache holds. */
    public synchronized State state(ObjectRef target, String cachedVersion, Instant remediatedAt, Instant now) {
        Instant until = revertedUntil.get(target);
        if (until != null && now.isBefore(until)) {
            return State.REVERTED;
        }
        Patched p = patched.get(target);
        if (p == null) {
            return remediatedAt != null && remediatedAt.plus(revertWindow).isAfter(now) ? State.REVERTED : State.NONE;
        }
        if (p.at().plus(revertWindow).isBefore(now)) {
            return State.NONE;
        }
        // patched() stores a missing version as "": read it the same way, or an object without one is never pending.
        return p.versionBefore().equals(cachedVersion == null ? "" : cachedVersion) ? State.PENDING : State.REVERTED;
    }

    public synchronized void patched(ObjectRef target, String versionBefore, Instant now) {
        patched.put(target, new Patched(versionBefore == null ? "" : versionBefore, now));
    }

    /** Records a revert: no patch for the back-off; quarantine instead. */
    public synchronized void reverted(ObjectRef target, Instant now) {
        patched.remove(target);
        revertedUntil.put(target, now.plus(revertBackoff));
    }
}
