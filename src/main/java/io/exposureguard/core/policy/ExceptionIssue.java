package io.exposureguard.core.policy;

import io.exposureguard.core.model.ObjectRef;

/** An ExposureException that does not apply, and why: so expired and ignored exceptions are reported and alerted. */
public record ExceptionIssue(ObjectRef exception, Kind kind, String message, boolean stillApplies) {

    /** An issue that keeps the exception from applying at all. */
    public ExceptionIssue(ObjectRef exception, Kind kind, String message) {
        this(exception, kind, message, false);
    }

    public enum Kind {
        /** Past its expiresAt: applies nowhere any more. */
        EXPIRED,
        /** Missing reason, approver or a parseable expiry, or no rules/resources. */
        INVALID,
        /**
         * Lives outside the exception namespaces, so it cannot exempt anything; or names resources in namespaces whose
         * policies do not delegate exceptions to its namespace, so those entries exempt nothing.
         */
        OUT_OF_SCOPE
    }
}
