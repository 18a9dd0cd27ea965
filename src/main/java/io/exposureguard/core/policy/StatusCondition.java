package io.exposureguard.core.policy;

/**
 * A condition another part of the audit adds to every ExposurePolicy's status (such as {@code Reported}): type, status
 * ({@code True}, {@code False} or {@code Unknown}), reason and message. The aggregator keeps its lastTransitionTime.
 */
public record StatusCondition(String type, String status, String reason, String message) {
}
