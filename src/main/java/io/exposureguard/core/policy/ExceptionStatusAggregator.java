package io.exposureguard.core.policy;

import io.exposureguard.core.api.v1.ExposureExceptionStatus;
import io.exposureguard.core.model.ObjectRef;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes an ExposureException's status from what the audit found of it: condition {@code Applied} (True, reason
 * Applied or PartlyOutOfScope; False, reason Expired, Invalid or OutOfScope, the message naming the field) and the
 * number of findings it exempts. Pure: the previous status and the time come in.
 */
public final class ExceptionStatusAggregator {

    public static final String CONDITION = "Applied";

    public ExposureExceptionStatus aggregate(ExposureExceptionStatus previous, Long generation, ObjectRef exception,
                                             List<ExceptionIssue> issues, List<Decision> decisions, Instant now) {
        List<ExceptionIssue> own = issues.stream().filter(i -> i.exception().equals(exception)).toList();
        int matched = (int) decisions.stream().filter(d -> d.exceptedBy().filter(exception::equals).isPresent()).count();
        String reason;
        boolean applied;
        if (own.stream().anyMatch(i -> i.kind() == ExceptionIssue.Kind.INVALID)) {
            reason = "Invalid";
            applied = false;
        } else if (own.stream().anyMatch(i -> i.kind() == ExceptionIssue.Kind.EXPIRED)) {
            reason = "Expired";
            applied = false;
        } else if (own.stream().anyMatch(i -> i.kind() == ExceptionIssue.Kind.OUT_OF_SCOPE)) {
            // Out of scope as a whole (wrong namespace, every entry) exempts nothing; some entries out of scope leave the others.
            applied = own.stream().allMatch(ExceptionIssue::stillApplies);
            reason = applied ? "PartlyOutOfScope" : "OutOfScope";
        } else {
            reason = "Applied";
            applied = true;
        }
        String message = own.isEmpty()
                ? "The exception applies; it exempts " + matched + (matched == 1 ? " finding" : " findings") + " now"
                : own.stream().map(ExceptionIssue::message).collect(Collectors.joining("; "));
        ExposureExceptionStatus status = new ExposureExceptionStatus();
        status.setObservedGeneration(generation);
        status.setMatched(matched);
        status.setConditions(List.of(StatusConditions.condition(previous == null ? null : previous.getConditions(), CONDITION,
                StatusConditions.bool(applied), reason, message, generation, now)));
        return status;
    }
}
