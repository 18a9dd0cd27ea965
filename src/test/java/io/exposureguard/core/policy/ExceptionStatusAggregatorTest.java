package io.exposureguard.core.policy;

import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposureExceptionStatus;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ExposureException's status: Applied True (reason Applied, or PartlyOutOfScope) or False (Expired, Invalid,
 * OutOfScope) with the audit's words for why, and the number of findings it exempts now.
 */
class ExceptionStatusAggregatorTest {

    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-01T11:00:00Z");
    private static final ObjectRef MINE = ObjectRef.of("ExposureException", "exposure-guard", "partner");
    private static final ObjectRef OTHER = ObjectRef.of("ExposureException", "exposure-guard", "other");
    private static final ExceptionStatusAggregator AGGREGATOR = new ExceptionStatusAggregator();

    private static Decision exempted(ObjectRef by) {
        ObjectRef svc = ObjectRef.of("Service", "orders", "db");
        Finding f = new Finding(new RuleInfo("EG-EXP-004", "title", Severity.HIGH, "why", "fix"), Severity.HIGH, svc, svc,
                "exposed", List.of(), List.of(), "fix");
        return new Decision(f, Action.OFF, "excepted", "orders", Optional.of(by), Optional.empty());
    }

    record Case(String name, List<ExceptionIssue> issues, List<Decision> decisions, String status, String reason, String message,
                int matched) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("valid and exempting one finding", List.of(), List.of(exempted(MINE), exempted(OTHER)), "True", "Applied",
                        "The exception applies; it exempts 1 finding now", 1),
                new Case("valid, exempting nothing now", List.of(), List.of(), "True", "Applied",
                        "The exception applies; it exempts 0 findings now", 0),
                new Case("expired", List.of(new ExceptionIssue(MINE, ExceptionIssue.Kind.EXPIRED, "expired at 2020-01-01T00:00:00Z")),
                        List.of(), "False", "Expired", "expired at 2020-01-01T00:00:00Z", 0),
                new Case("invalid", List.of(new ExceptionIssue(MINE, ExceptionIssue.Kind.INVALID, "spec.approvedBy: required")),
                        List.of(), "False", "Invalid", "spec.approvedBy: required", 0),
                new Case("in a namespace that takes no exceptions", List.of(new ExceptionIssue(MINE, ExceptionIssue.Kind.OUT_OF_SCOPE,
                        "exceptions count only in [exposure-guard]; this one is in team-a")), List.of(), "False", "OutOfScope",
                        "exceptions count only in [exposure-guard]; this one is in team-a", 0),
                new Case("some entries out of scope, the others apply", List.of(new ExceptionIssue(MINE, ExceptionIssue.Kind.OUT_OF_SCOPE,
                        "spec.resources[1]: namespace team-b takes exceptions only from [team-b]", true)), List.of(exempted(MINE)),
                        "True", "PartlyOutOfScope", "spec.resources[1]: namespace team-b takes exceptions only from [team-b]", 1),
                new Case("another exception's issue says nothing of this one", List.of(new ExceptionIssue(OTHER,
                        ExceptionIssue.Kind.EXPIRED, "expired")), List.of(), "True", "Applied", "The exception applies; it exempts 0 findings now", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAppliedConditionAndTheMatchedCountSayWhatTheAuditFound(Case c) {
        ExposureExceptionStatus s = AGGREGATOR.aggregate(null, 2L, MINE, c.issues(), c.decisions(), T1);

        assertThat(s.getConditions()).singleElement().satisfies(cond -> {
            assertThat(cond.getType()).isEqualTo("Applied");
            assertThat(cond.getStatus()).isEqualTo(c.status());
            assertThat(cond.getReason()).isEqualTo(c.reason());
            assertThat(cond.getMessage()).isEqualTo(c.message());
            assertThat(cond.getObservedGeneration()).isEqualTo(2L);
        });
        assertThat(s.getMatched()).isEqualTo(c.matched());
        assertThat(s.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void theConditionKeepsItsTransitionTimeUntilItsStatusChanges() {
        ExposureExceptionStatus applied = AGGREGATOR.aggregate(null, 1L, MINE, List.of(), List.of(), T1);
        ExposureExceptionStatus still = AGGREGATOR.aggregate(applied, 1L, MINE, List.of(), List.of(exempted(MINE)), T2);
        ExposureExceptionStatus expired = AGGREGATOR.aggregate(still, 1L, MINE,
                List.of(new ExceptionIssue(MINE, ExceptionIssue.Kind.EXPIRED, "expired")), List.of(), T2);

        assertThat(still.getConditions()).extracting(Condition::getLastTransitionTime).containsExactly(T1.toString());
        assertThat(expired.getConditions()).extracting(Condition::getLastTransitionTime).containsExactly(T2.toString());
    }
}
