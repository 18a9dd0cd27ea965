package io.exposureguard.core.report;

import io.exposureguard.core.model.Hop;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PolicyReports the audit writes, one per namespace: fail (deny, fix) or warn (alert) per reported finding,
 * pass per datastore with none, sorted so an unchanged cluster gives an identical report.
 */
class PolicyReportBuilderTest {

    private static final long AT = 1_795_000_000L;
    private static final PolicyReportBuilder BUILDER = new PolicyReportBuilder();

    private static final Datastore SEARCH = datastore(ObjectRef.of("StatefulSet", "shop", "search"), DatastoreKind.ELASTICSEARCH);
    private static final Datastore CACHE = datastore(ObjectRef.of("Deployment", "shop", "cache"), DatastoreKind.MEMCACHED);
    private static final Datastore LOGS = datastore(ObjectRef.of("Deployment", "ops", "logs"), DatastoreKind.REDIS);

    private static Datastore datastore(ObjectRef ref, DatastoreKind kind) {
        return new Datastore(ref, kind, "image " + ref.name(), Map.of("app", ref.name()), List.of(DataPort.of(kind.defaultPorts().get(0), "")),
                AuthVerdict.off("authentication is off", "turn it on"), Optional.empty(), false);
    }

    private static Decision decision(String rule, Action action, ObjectRef resource, Datastore datastore, List<String> facts) {
        RuleInfo info = new RuleInfo(rule, "title of " + rule, Severity.CRITICAL, "why", "Turn authentication on");
        return new Decision(new Finding(info, Severity.HIGH, resource, datastore.ref(), datastore.describe() + " is exposed",
                List.of(Hop.origin(Hop.Kind.INTERNET), Hop.entryService(null, resource, null, null, List.of()), datastore.hop()), facts, "Turn authentication on"), action,
                "ExposurePolicy default: high -> " + action.label(), "search-team", Optional.empty(), Optional.of("default"));
    }

    private static Decision decision(String rule, Action action, ObjectRef resource, Datastore datastore) {
        return decision(rule, action, resource, datastore, List.of());
    }

    /** The namespaces' reports of these decisions and datastores. */
    private static Map<String, Map<String, Object>> build(List<Decision> reported, List<Datastore> datastores, long at) {
        ReportSet set = BUILDER.build(reported, datastores, at);
        assertThat(set.cluster()).as("nothing cluster-scoped").isEmpty();
        return set.namespaces();
    }

    private static final ObjectRef SEARCH_LB = ObjectRef.of("Service", "shop", "search-lb");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Map<String, Object>> reports, String namespace) {
        return (List<Map<String, Object>>) reports.get(namespace).get("results");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "DENY,  fail",
            "FIX,   fail",
            "ALERT, warn"})
    void aReportedFindingFailsWhenPolicyDeniesOrFixesItAndWarnsWhenItOnlyAlerts(Action action, String result) {
        Map<String, Map<String, Object>> reports = build(List.of(decision("EG-EXP-001", action, SEARCH_LB, SEARCH)),
                List.of(SEARCH), AT);

        assertThat(results(reports, "shop")).singleElement().satisfies(r -> assertThat(r).containsEntry("result", result));
        assertThat(reports.get("shop").get("summary")).isEqualTo(Map.of("pass", 0L, "fail", "fail".equals(result) ? 1L : 0L,
                "warn", "warn".equals(result) ? 1L : 0L, "error", 0L, "skip", 0L));
    }

    @Test
    void aFindingResultCarriesTheRuleTheObjectTheFixAndTheDecision() {
        Map<String, Object> r = results(build(List.of(decision("EG-EXP-001", Action.FIX, SEARCH_LB, SEARCH,
                List.of("xpack.security.enabled=false", "type LoadBalancer"))), List.of(), AT), "shop").get(0);

        assertThat(r.keySet()).containsExactly("policy", "rule", "category", "result", "severity", "source", "message",
                "resources", "properties", "timestamp");
        assertThat(r).isEqualTo(Map.of(
                "policy", "exposure-guard",
                "rule", "EG-EXP-001",
                "category", "Datastore exposure",
                "result", "fail",
                "severity", "high",
                "source", "exposure-guard",
                "message", "Elasticsearch in StatefulSet shop/search is exposed. Fix: Turn authentication on",
                "resources", List.of(Map.of("apiVersion", "v1", "kind", "Service", "namespace", "shop", "name", "search-lb")),
                "properties", Map.of("path", "internet -> Service shop/search-lb -> Elasticsearch in StatefulSet shop/search port 9200",
                        "action", "fix", "decision", "ExposurePolicy default: high -> fix", "team", "search-team",
                        "facts", "xpack.security.enabled=false; type LoadBalancer"),
                "timestamp", Map.of("seconds", AT, "nanos", 0)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFindingWithoutFactsHasNoFactsProperty() {
        Map<String, Object> r = results(build(List.of(decision("EG-EXP-001", Action.ALERT, SEARCH_LB, SEARCH)), List.of(), AT),
                "shop").get(0);

        assertThat(((Map<String, ?>) r.get("properties")).keySet()).containsExactlyInAnyOrder("path", "action", "decision", "team");
    }

    @Test
    void aDatastoreWithoutFindingsPassesAndOneWithFindingsDoesNot() {
        Map<String, Map<String, Object>> reports = build(List.of(decision("EG-EXP-001", Action.ALERT, SEARCH_LB, SEARCH)),
                List.of(SEARCH, CACHE), AT);

        assertThat(results(reports, "shop")).extracting(r -> r.get("rule"), r -> r.get("result"), r -> r.get("message"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("EG-EXP-001", "warn", "Elasticsearch in StatefulSet shop/search is exposed."
                                + " Fix: Turn authentication on"),
                        org.assertj.core.groups.Tuple.tuple("datastore-exposure", "pass", "Memcached in Deployment shop/cache: no exposure found"));
        assertThat(results(reports, "shop").get(1)).containsEntry("resources",
                List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "namespace", "shop", "name", "cache"))).doesNotContainKeys("severity", "properties");
        assertThat(reports.get("shop").get("summary")).isEqualTo(Map.of("pass", 1L, "fail", 0L, "warn", 1L, "error", 0L, "skip", 0L));
    }

    @Test
    void eachNamespaceGetsItsOwnReportWithOnlyItsResults() {
        Map<String, Map<String, Object>> reports = build(List.of(decision("EG-EXP-001", Action.DENY, SEARCH_LB, SEARCH)),
                List.of(SEARCH, LOGS), AT);

        assertThat(reports).containsOnlyKeys("ops", "shop");
        assertThat(results(reports, "ops")).extracting(r -> r.get("result")).containsExactly("pass");
        assertThat(results(reports, "shop")).extracting(r -> r.get("result")).containsExactly("fail");
    }

    @Test
    void aFindingIsFiledUnderTheNamespaceOfTheObjectItIsReportedOn() {
        ObjectRef elsewhere = ObjectRef.of("Ingress", "edge", "search");

        Map<String, Map<String, Object>> reports = build(List.of(decision("EG-EXP-001", Action.ALERT, elsewhere, SEARCH)),
                List.of(SEARCH), AT);

        assertThat(reports).containsOnlyKeys("edge");
    }

    @Test
    void theSameDatastoreListedTwiceGetsOnePass() {
        assertThat(results(build(List.of(), List.of(CACHE, CACHE), AT), "shop")).hasSize(1);
    }

    @Test
    void resultsAreSortedByRuleThenObject() {
        ObjectRef ingress = ObjectRef.of("Ingress", "shop", "search");
        Map<String, Map<String, Object>> reports = build(List.of(
                decision("EG-TLS-001", Action.ALERT, SEARCH_LB, SEARCH),
                decision("EG-EXP-001", Action.ALERT, SEARCH_LB, SEARCH),
                decision("EG-EXP-001", Action.ALERT, ingress, SEARCH)), List.of(SEARCH, CACHE), AT);

        assertThat(results(reports, "shop")).extracting(r -> r.get("rule") + " " + resource((List<?>) r.get("resources")))
                .containsExactly(
                        "EG-EXP-001 Ingress shop/search",
                        "EG-EXP-001 Service shop/search-lb",
                        "EG-TLS-001 Service shop/search-lb",
                        "datastore-exposure Deployment shop/cache");
    }

    private static String resource(List<?> resources) {
        Map<?, ?> r = (Map<?, ?>) resources.get(0);
        return r.get("kind") + " " + r.get("namespace") + "/" + r.get("name");
    }

    @Test
    void theSameFindingsInAnotherOrderGiveAnIdenticalReport() {
        // One Service in front of two datastores: same rule, same object, two results that differ only in the datastore.
        List<Decision> decisions = List.of(
                decision("EG-EXP-001", Action.ALERT, SEARCH_LB, SEARCH),
                decision("EG-EXP-001", Action.ALERT, SEARCH_LB, CACHE),
                decision("EG-TLS-001", Action.ALERT, SEARCH_LB, SEARCH));
        List<Datastore> datastores = List.of(SEARCH, CACHE, LOGS, datastore(ObjectRef.of("Deployment", "ops", "queue"), DatastoreKind.REDIS));
        Map<String, Map<String, Object>> expected = build(decisions, datastores, AT);
        List<Decision> reversed = new ArrayList<>(decisions);
        Collections.reverse(reversed);

        assertThat(build(reversed, datastores, AT)).as("reversed").isEqualTo(expected);

        for (int seed = 0; seed < 6; seed++) {
            List<Decision> shuffledDecisions = new ArrayList<>(decisions);
            List<Datastore> shuffledDatastores = new ArrayList<>(datastores);
            Collections.shuffle(shuffledDecisions, new java.util.Random(seed));
            Collections.reverse(shuffledDatastores);

            assertThat(build(shuffledDecisions, shuffledDatastores, AT)).as("order %s", seed).isEqualTo(expected);
        }
    }

    @Test
    void nothingReportedAndNoDatastoresGivesNoReport() {
        assertThat(build(List.of(), List.of(), AT)).isEmpty();
    }

    @Test
    void aPolicysProblemsAreErrorsInTheClusterReportAndANamespacedObjectsAreNot() {
        ReportSet set = BUILDER.build(List.of(), List.of(SEARCH), Map.of(
                ObjectRef.of("ExposurePolicy", null, "default"), List.of(new PolicyProblem("spec.allowedSourceCidrs[0]", "'10.0.0.0/99' is not a CIDR", true),
                        new PolicyProblem("spec.colour", "unknown field", false)),
                ObjectRef.of("ExposureException", "exposure-guard", "late"), List.of(new PolicyProblem("spec.expiresAt", "in the past", false))), AT);

        assertThat(set.namespaces()).containsOnlyKeys("shop");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cluster = (List<Map<String, Object>>) set.cluster().get("results");
        assertThat(cluster).extracting(r -> r.get("rule") + " " + r.get("result") + " " + r.get("message")).containsExactly(
                "ignored-field error ExposurePolicy default: spec.colour: unknown field (the field is ignored)",
                "invalid-policy error ExposurePolicy default: spec.allowedSourceCidrs[0]: '10.0.0.0/99' is not a CIDR"
                        + " (the policy is ignored; the built-in default applies instead)");
        assertThat(cluster.get(0).get("resources")).isEqualTo(List.of(Map.of("apiVersion", "exposureguard.io/v1alpha1", "kind", "ExposurePolicy", "name", "default")));
        assertThat(set.cluster().get("summary")).isEqualTo(Map.of("pass", 0L, "fail", 0L, "warn", 0L, "error", 2L, "skip", 0L));
    }

    @Test
    void aFindingOnAClusterScopedObjectIsInTheClusterReport() {
        ObjectRef node = ObjectRef.of("Node", null, "worker-1");

        ReportSet set = BUILDER.build(List.of(decision("EG-EXP-002", Action.ALERT, node, SEARCH)), List.of(SEARCH), AT);

        assertThat(set.namespaces()).as("its datastore has a finding, so no pass either").isEmpty();
        assertThat(set.cluster().get("results").toString()).contains("rule=EG-EXP-002", "result=warn", "kind=Node", "name=worker-1");
    }

    @Test
    void aReportInEachApiCarriesThatApisKindAndOnlyOpenReportsNamesItsSource() {
        ReportSet set = BUILDER.build(List.of(), List.of(SEARCH), AT);

        assertThat(set.documents(ReportApi.OPENREPORTS)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("apiVersion", "openreports.io/v1alpha1").containsEntry("kind", "Report").containsEntry("source", "exposure-guard"));
        assertThat(set.documents(ReportApi.WGPOLICY)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("apiVersion", "wgpolicyk8s.io/v1alpha2").containsEntry("kind", "PolicyReport").doesNotContainKey("source"));
        assertThat(set.documents(ReportApi.OPENREPORTS).get(0).get("metadata")).isEqualTo(Map.of("name", "exposure-guard",
                "namespace", "shop", "labels", Map.of("app.kubernetes.io/managed-by", "exposure-guard")));
    }
}
