package io.exposureguard.core.policy;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.List;

/**
 * A Kubernetes-style condition that keeps its lastTransitionTime while its status stays the same, so an unchanged
 * object yields an identical status (and no write).
 */
final class StatusConditions {

    private StatusConditions() {
    }

    static Condition condition(List<Condition> previous, String type, String status, String reason, String message,
                               Long generation, Instant now) {
        String since = now.toString();
        if (previous != null) {
            for (Condition c : previous) {
                if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

    static String bool(boolean isTrue) {
        return isTrue ? "True" : "False";
    }
}
