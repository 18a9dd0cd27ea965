package io.exposureguard.core.probe;

import io.exposureguard.core.model.Hop;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which findings probe evidence changes, rule by rule (ProbeEvidenceTest covers one EG-EXP-001 finding): a
 * confirmed-open probe raises only findings about reachability from outside; a trusted credential demand lowers only
 * findings that rest on the configuration alone; every other finding just gains the fact.
 */
class ProbeEvidenceByRuleTest {

    private static final ObjectRef SEARCH = ObjectRef.of("StatefulSet", "shop", "search");
    private static final ObjectRef OTHER = ObjectRef.of("Deployment", "shop", "cache");
    private static final ProbeResult OPEN = ProbeResult.open("GET /_cat/indices returned 200 with 3 indices");
    private static final ProbeResult ASKS = ProbeResult.protectedBy("GET /_cat/indices returned 401");

    private static Finding finding(String rule, Severity severity, ObjectRef datastore) {
        return new Finding(new RuleInfo(rule, "title", Severity.CRITICAL, "why", "fix"), severity,
                ObjectRef.of("Service", "shop", "search"), datastore, "exposed", List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryService(null, ObjectRef.of("Service", "shop", "search"), null, null, List.of())),
                List.of("from the configuration"), "fix");
    }

    private static Finding with(Finding f, ProbeResult result, boolean trust) {
        return ProbeEvidence.apply(List.of(f), Map.of(SEARCH, new ProbeEvidence.Entry(List.of(result), trust))).get(0);
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
            "EG-EXP-001, HIGH,   CRITICAL",
            "EG-EXP-002, MEDIUM, CRITICAL",
            "EG-EXP-005, LOW,    CRITICAL",
            "EG-EXP-003, HIGH,   HIGH",
            "EG-TLS-001, MEDIUM, MEDIUM"})
    void aConfirmedOpenProbeMakesOnlyFindingsFromOutsideCritical(String rule, Severity before, Severity after) {
        Finding f = with(finding(rule, before, SEARCH), OPEN, false);

        assertThat(f.severity()).isEqualTo(after);
        assertThat(f.facts()).containsExactly("from the configuration", "probe confirmed: " + OPEN.evidence());
    }

    @ParameterizedTest(name = "{0} at {1}, trusted -> {2}")
    @CsvSource({
            "EG-EXP-001, CRITICAL, LOW",
            "EG-EXP-003, HIGH,     LOW",
            "EG-EXP-005, MEDIUM,   LOW",
            "EG-EXP-002, HIGH,     HIGH",
            "EG-TLS-001, MEDIUM,   MEDIUM"})
    void aTrustedCredentialDemandLowersOnlyFindingsRestingOnTheConfigurationAlone(String rule, Severity before, Severity after) {
        assertThat(with(finding(rule, before, SEARCH), ASKS, true).severity()).isEqualTo(after);
    }

    @Test
    void aCredentialDemandOnAFindingThatDoesNotRestOnTheConfigurationIsAPlainFact() {
        Finding f = with(finding("EG-EXP-002", Severity.HIGH, SEARCH), ASKS, true);

        assertThat(f.facts()).last().isEqualTo("probe: GET /_cat/indices returned 401: the datastore asks for credentials");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UNKNOWN     | connection refused | probe: no verdict (connection refused)
            UNSUPPORTED | no prober for etcd | probe: no verdict (no prober for etcd)
            UNKNOWN     | ''                 | probe: no verdict (unknown)
            UNSUPPORTED | ''                 | probe: no verdict (unsupported)
            """)
    void noVerdictIsNotedWithItsReasonOrItsKind(ProbeResult.Verdict verdict, String reason, String fact) {
        Finding f = with(finding("EG-EXP-001", Severity.HIGH, SEARCH), new ProbeResult(verdict, "", reason, java.time.Duration.ZERO), true);

        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.facts()).last().isEqualTo(fact);
    }

    @Test
    void theSameRefusalForSeveralTargetsIsNotedOnce() {
        ProbeResult refused = ProbeResult.refused("127.0.0.1 is a loopback address");
        Finding f = ProbeEvidence.apply(List.of(finding("EG-EXP-001", Severity.HIGH, SEARCH)),
                Map.of(SEARCH, new ProbeEvidence.Entry(List.of(refused, refused), false))).get(0);

        assertThat(f.facts()).containsExactly("from the configuration", "probe refused, nothing sent: 127.0.0.1 is a loopback address");
    }

    @Test
    void evidenceAboutOneDatastoreLeavesTheFindingsOfAnotherAsTheyAre() {
        Finding other = finding("EG-EXP-001", Severity.HIGH, OTHER);

        List<Finding> out = ProbeEvidence.apply(List.of(other, finding("EG-EXP-001", Severity.HIGH, SEARCH)),
                Map.of(SEARCH, ProbeEvidence.Entry.of(OPEN)));

        assertThat(out).extracting(Finding::severity).containsExactly(Severity.HIGH, Severity.CRITICAL);
        assertThat(out.get(0)).isSameAs(other);
    }

    @Test
    void noEvidenceReturnsTheFindingsUnchanged() {
        List<Finding> findings = List.of(finding("EG-EXP-001", Severity.HIGH, SEARCH));

        assertThat(ProbeEvidence.apply(findings, Map.of())).isSameAs(findings);
        assertThat(ProbeEvidence.apply(List.of(), Map.of(SEARCH, ProbeEvidence.Entry.of(OPEN)))).isEmpty();
    }
}
