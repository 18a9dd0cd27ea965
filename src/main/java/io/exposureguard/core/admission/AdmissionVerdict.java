package io.exposureguard.core.admission;

import java.util.List;

/**
 * What the webhook answers: allowed or not, the denial message, and warnings kubectl prints; {@code basis} says
 * whether the object was judged or let through unjudged (an error, or no answer within the deadline).
 */
public record AdmissionVerdict(boolean allowed, String message, List<String> warnings, Basis basis) {

    /** How a verdict was reached. */
    public enum Basis {
        /** The object was judged. */
        JUDGED,
        /** Judging failed; the object is allowed and left to the audit. */
        ERROR,
        /** No verdict within the deadline; the object is allowed and left to the audit. */
        LATE
    }

    public AdmissionVerdict {
        warnings = List.copyOf(warnings);
    }

    /** A verdict on a judged object. */
    public AdmissionVerdict(boolean allowed, String message, List<String> warnings) {
        this(allowed, message, warnings, Basis.JUDGED);
    }

    /** Allowed because judging failed, with {@code warnings} saying so. */
    public static AdmissionVerdict error(List<String> warnings) {
        return new AdmissionVerdict(true, "error", warnings, Basis.ERROR);
    }

    /** Allowed because no verdict came in time, with {@code warnings} saying so. */
    public static AdmissionVerdict late(List<String> warnings) {
        return new AdmissionVerdict(true, "late", warnings, Basis.LATE);
    }

    public static AdmissionVerdict allow(String why) {
        return new AdmissionVerdict(true, why, List.of());
    }
}
