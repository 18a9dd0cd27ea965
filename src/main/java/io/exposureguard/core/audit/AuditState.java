package io.exposureguard.core.audit;

import io.exposureguard.core.policy.Decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the audit loop carries from one audit to the next: the decisions last published ({@link FindingsDiff#index}),
 * how many audits in a row failed and until when the next one waits, and when the last full audit started. A value:
 * every change returns a new state.
 */
public record AuditState(Map<String, Decision> previous, int consecutiveFailures, Instant retryAfter, Instant lastFullAudit) {

    public static final AuditState INITIAL = new AuditState(Map.of(), 0, Instant.EPOCH, Instant.EPOCH);

    public AuditState {
        previous = Map.copyOf(previous);
    }

    /** What a tick of the loop does. */
    public enum Due {
        /** Backing off after a failure: nothing. */
        WAIT,
        /** A full audit (re-list what is missing, then evaluate) is due. */
        FULL,
        /** Evaluate only if something changed since the last audit. */
        IF_CHANGED
    }

    public Due due(Instant now, Duration auditInterval) {
        if (now.isBefore(retryAfter)) {
            return Due.WAIT;
        }
        return Duration.between(lastFullAudit, now).compareTo(auditInterval) >= 0 ? Due.FULL : Due.IF_CHANGED;
    }

    /** A full audit started at {@code now}. */
    public AuditState fullAuditAt(Instant now) {
        return new AuditState(previous, consecutiveFailures, retryAfter, now);
    }

    /** An audit completed and published {@code published}. */
    public AuditState completed(Map<String, Decision> published) {
        return new AuditState(published, 0, retryAfter, lastFullAudit);
    }

    /** An audit failed at {@code now}: the next waits {@link AuditBackoff#after} the failures in a row. */
    public AuditState failed(Instant now, Duration debounce) {
        int failures = consecutiveFailures + 1;
        return new AuditState(previous, failures, now.plus(AuditBackoff.after(failures, debounce)), lastFullAudit);
    }

    /** Forgets what was published: a replica that just won the lease re-publishes every current finding. */
    public AuditState republish() {
        return new AuditState(Map.of(), consecutiveFailures, retryAfter, lastFullAudit);
    }
}
