package io.exposureguard.core.audit;

import io.exposureguard.core.model.Hop;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.policy.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one audit tells the on-call compared with the previous one: raised (new, or now at another severity or
 * action), cleared (gone or turned off), and the current list. The same exposure found again raises nothing.
 */
class FindingsDiffTest {

    private static final ObjectRef SERVICE = ObjectRef.of("Service", "shop", "search");
    private static final ObjectRef INGRESS = ObjectRef.of("Ingress", "shop", "search");
    private static final ObjectRef SEARCH = ObjectRef.of("StatefulSet", "shop", "search");
    private static final ObjectRef CACHE = ObjectRef.of("Deployment", "shop", "cache");

    /** A decision built from plain values; everything not named is the same for every decision. */
    record D(String rule, ObjectRef resource, ObjectRef datastore, Severity severity, Action action, String message) {

        static D of(String rule) {
            return new D(rule, SERVICE, SEARCH, Severity.CRITICAL, Action.ALERT, "Elasticsearch shop/search is exposed");
        }

        D on(ObjectRef r) {
            return new D(rule, r, datastore, severity, action, message);
        }

        D about(ObjectRef d) {
            return new D(rule, resource, d, severity, action, message);
        }

        D at(Severity s) {
            return new D(rule, resource, datastore, s, action, message);
        }

        D doing(Action a) {
            return new D(rule, resource, datastore, severity, a, message);
        }

        D saying(String m) {
            return new D(rule, resource, datastore, severity, action, m);
        }

        Decision decision() {
            RuleInfo info = new RuleInfo(rule, "title of " + rule, Severity.CRITICAL, "why", "how to fix");
            return new Decision(new Finding(info, severity, resource, datastore, message, List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryService(null, resource, null, null, List.of())),
                    List.of("fact"), "how to fix"), action, "policy says " + action.label(), "search-team", Optional.empty(),
                    Optional.of("default"));
        }
    }

    private static Map<String, Decision> index(D... decisions) {
        return FindingsDiff.index(java.util.Arrays.stream(decisions).map(D::decision).toList());
    }

    private static FindingsDiff diff(List<D> before, List<D> after) {
        return FindingsDiff.between(index(before.toArray(D[]::new)), index(after.toArray(D[]::new)));
    }

    @Test
    void theKeyIsRuleObjectAndDatastore() {
        assertThat(FindingsDiff.key(D.of("EG-EXP-001").decision()))
                .isEqualTo("EG-EXP-001|Service shop/search|StatefulSet shop/search");
    }

    @Test
    void aFirstAuditRaisesEveryReportedFinding() {
        FindingsDiff diff = diff(List.of(), List.of(D.of("EG-EXP-001"), D.of("EG-TLS-001")));

        assertThat(diff.raised()).extracting(d -> d.finding().rule().id()).containsExactly("EG-EXP-001", "EG-TLS-001");
        assertThat(diff.cleared()).isEmpty();
        assertThat(diff.changed()).isTrue();
    }

    @Test
    void theSameExposureFoundAgainRaisesNothing() {
        FindingsDiff diff = diff(List.of(D.of("EG-EXP-001")), List.of(D.of("EG-EXP-001")));

        assertThat(diff.raised()).isEmpty();
        assertThat(diff.cleared()).isEmpty();
        assertThat(diff.changed()).isFalse();
        assertThat(diff.current()).extracting(FindingsDiff::key).containsExactly(FindingsDiff.key(D.of("EG-EXP-001").decision()));
    }

    @Test
    void aNewMessageOrNewFactsAloneRaiseNothing() {
        FindingsDiff diff = diff(List.of(D.of("EG-EXP-001")), List.of(D.of("EG-EXP-001").saying("reworded")));

        assertThat(diff.changed()).isFalse();
        assertThat(diff.current()).singleElement().satisfies(d -> assertThat(d.finding().message()).isEqualTo("reworded"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "CRITICAL, HIGH",
            "HIGH,     CRITICAL",
            "LOW,      MEDIUM"})
    void aFindingNowAtAnotherSeverityIsRaisedAgain(Severity before, Severity after) {
        FindingsDiff diff = diff(List.of(D.of("EG-EXP-001").at(before)), List.of(D.of("EG-EXP-001").at(after)));

        assertThat(diff.raised()).singleElement().satisfies(d -> assertThat(d.finding().severity()).isEqualTo(after));
        assertThat(diff.cleared()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ALERT, FIX",
            "FIX,   DENY",
            "DENY,  ALERT"})
    void aFindingNowUnderAnotherActionIsRaisedAgain(Action before, Action after) {
        FindingsDiff diff = diff(List.of(D.of("EG-EXP-001").doing(before)), List.of(D.of("EG-EXP-001").doing(after)));

        assertThat(diff.raised()).singleElement().satisfies(d -> assertThat(d.action()).isEqualTo(after));
        assertThat(diff.cleared()).isEmpty();
    }

    @Test
    void aFindingThatIsGoneIsCleared() {
        FindingsDiff diff = diff(List.of(D.of("EG-EXP-001"), D.of("EG-TLS-001")), List.of(D.of("EG-TLS-001")));

        assertThat(diff.cleared()).extracting(d -> d.finding().rule().id()).containsExactly("EG-EXP-001");
        assertThat(diff.raised()).isEmpty();
        assertThat(diff.current()).extracting(d -> d.finding().rule().id()).containsExactly("EG-TLS-001");
        assertThat(diff.changed()).isTrue();
    }

    @Test
    void aFindingTurnedOffIsClearedAndNeverCurrent() {
        FindingsDiff diff = diff(List.of(D.of("EG-EXP-001")), List.of(D.of("EG-EXP-001").doing(Action.OFF)));

        assertThat(diff.cleared()).singleElement().satisfies(d -> assertThat(d.action()).isEqualTo(Action.ALERT));
        assertThat(diff.raised()).isEmpty();
        assertThat(diff.current()).isEmpty();
    }

    @Test
    void offDecisionsAreNotIndexed() {
        assertThat(index(D.of("EG-EXP-001").doing(Action.OFF), D.of("EG-TLS-001"))).containsOnlyKeys(
                FindingsDiff.key(D.of("EG-TLS-001").decision()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"another object", "another datastore", "another rule"})
    void theSameFindingAnywhereElseIsAnotherFinding(String what) {
        D before = D.of("EG-EXP-001");
        D after = switch (what) {
            case "another object" -> before.on(INGRESS);
            case "another datastore" -> before.about(CACHE);
            default -> D.of("EG-EXP-002");
        };

        FindingsDiff diff = diff(List.of(before), List.of(after));

        assertThat(diff.raised()).extracting(FindingsDiff::key).containsExactly(FindingsDiff.key(after.decision()));
        assertThat(diff.cleared()).extracting(FindingsDiff::key).containsExactly(FindingsDiff.key(before.decision()));
    }

    @Test
    void twoEmptyAuditsChangeNothing() {
        FindingsDiff diff = FindingsDiff.between(Map.of(), Map.of());

        assertThat(diff.changed()).isFalse();
        assertThat(diff.current()).isEmpty();
        assertThat(FindingsDiff.index(List.of())).isEmpty();
    }
}
