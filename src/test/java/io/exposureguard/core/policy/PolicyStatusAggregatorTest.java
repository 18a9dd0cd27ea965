package io.exposureguard.core.policy;

import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposurePolicyStatus;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.exposureguard.core.policy.PolicyDeciderTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

/** ExposurePolicy status: Ready/Degraded conditions, observedGeneration and findings by severity, built without a cluster. */
class PolicyStatusAggregatorTest {

    private static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-23T11:00:00Z");
    private final PolicyStatusAggregator aggregator = new PolicyStatusAggregator();

    private static Condition condition(ExposurePolicyStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static Decision decision(Severity severity, Action action, String policy) {
        return new Decision(finding("EG-EXP-001", severity, "shop", "Service", "s"), action, "r", "t",
                Optional.empty(), Optional.ofNullable(policy));
    }

    @Test
    void aValidPolicyIsReadyNotDegradedAndCountsTheFindingsItGoverns() {
        ExposurePolicyStatus s = aggregator.aggregate(null, 3L, "p", List.of(), List.of(
                decision(Severity.CRITICAL, Action.DENY, "p"),
                decision(Severity.HIGH, Action.ALERT, "p"),
                decision(Severity.HIGH, Action.OFF, "p"),
                decision(Severity.HIGH, Action.ALERT, "other"),
                decision(Severity.LOW, Action.ALERT, null)), T1);

        assertThat(s.getObservedGeneration()).isEqualTo(3L);
        assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Degraded").getStatus()).isEqualTo("False");
        assertThat(s.getFindings()).containsExactly(
                java.util.Map.entry("critical", 1), java.util.Map.entry("high", 1),
                java.util.Map.entry("medium", 0), java.util.Map.entry("low", 0));
    }

    @Test
    void aFatalProblemMakesThePolicyNotReadyAndSaysWhy() {
        ExposurePolicyStatus s = aggregator.aggregate(null, 1L, "p",
                List.of(new PolicyProblem("spec.allowedSourceCidrs[0]", "'x' is not a CIDR", true)), List.of(), T1);

        assertThat(condition(s, "Ready")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).contains("spec.allowedSourceCidrs[0]: 'x' is not a CIDR", "built-in default");
        });
        assertThat(condition(s, "Degraded").getStatus()).isEqualTo("True");
    }

    @Test
    void anIgnoredFieldDegradesButKeepsThePolicyReady() {
        ExposurePolicyStatus s = aggregator.aggregate(null, 1L, "p",
                List.of(new PolicyProblem("spec.rules[0].id", "unknown rule EG-X-001 (ignored)", false)), List.of(), T1);

        assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Degraded")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("IgnoredFields");
        });
    }

    @Test
    void transitionTimesChangeOnlyWhenAConditionChanges() {
        ExposurePolicyStatus first = aggregator.aggregate(null, 1L, "p", List.of(), List.of(), T1);
        ExposurePolicyStatus same = aggregator.aggregate(first, 1L, "p", List.of(), List.of(), T2);
        ExposurePolicyStatus broken = aggregator.aggregate(same, 2L, "p",
                List.of(new PolicyProblem("spec.namespaceSelector", "bad", true)), List.of(), T2);

        assertThat(condition(same, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(condition(broken, "Ready").getLastTransitionTime()).isEqualTo(T2.toString());
        assertThat(condition(broken, "Ready").getObservedGeneration()).isEqualTo(2L);
    }
}
