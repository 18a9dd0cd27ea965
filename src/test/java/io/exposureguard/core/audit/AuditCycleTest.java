package io.exposureguard.core.audit;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicyStatus;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.probe.ApiServerAddresses;
import io.exposureguard.core.probe.ProbeTargetPolicy;
import io.exposureguard.core.remediation.QuarantinePolicies;
import io.exposureguard.core.remediation.QuarantineSeal;
import io.exposureguard.core.remediation.RemediationPlanner;
import io.exposureguard.core.remediation.RemediationStep;
import io.exposureguard.core.report.ReportApi;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit as a pure function, without a cluster: a snapshot, the previous state, the time and the settings in;
 * what the loop writes out. Each case is one audit after another, as the loop would run them.
 */
class AuditCycleTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String OPERATOR_NS = "exposure-guard";
    private static final Assessor ASSESSOR = new Assessor(ExposureEngine.standard());
    private static final AuditCycle CYCLE = new AuditCycle(ASSESSOR,
            new RemediationPlanner(new ObjectFixer(new AdmissionJudge(ASSESSOR))), new ProbePlanner(ProbeTargetPolicy.production()));
    private static final AuditCycle.Settings OFF = new AuditCycle.Settings(OPERATOR_NS, false, false);
    private static final AuditCycle.Settings REMEDIATING = new AuditCycle.Settings(OPERATOR_NS, true, false);
    private static final QuarantineSeal SEAL = new QuarantineSeal(filled(QuarantineSeal.KEY_BYTES, 3));

    private static byte[] filled(int size, int value) {
        byte[] key = new byte[size];
        Arrays.fill(key, (byte) value);
        return key;
    }

    /** A memcached Deployment behind a Service of the given type in {@code ns}; {@code annotations} on the Service. */
    private static List<HasMetadata> memcached(String ns, String type, String annotations) {
        return Manifests.objects("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: %1$s, resourceVersion: "1"}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec: {containers: [{name: memcached, image: "memcached:1.6", ports: [{containerPort: 11211}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: %1$s, resourceVersion: "1", annotations: {%3$s}}
                spec: {type: %2$s, selector: {app: cache}, ports: [{port: 11211}]}
                """.formatted(ns, type, annotations));
    }

    private static ExposurePolicy policy(String spec) {
        return YAML.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: shop, generation: 1, resourceVersion: "1"}
                spec: %s
                """.formatted(spec), ExposurePolicy.class);
    }

    private static final ExposurePolicy FIX = policy("{namespaceSelector: {matchLabels: {team: shop}}, actions: {critical: fix}}");
    private static final Map<String, Map<String, String>> LABELS = Map.of("shop", Map.of("team", "shop"));

    private static ClusterState cluster(List<HasMetadata> objects, ExposurePolicy... policies) {
        return new ClusterState(objects, List.of(policies), List.of(), LABELS);
    }

    private static AuditCycle.Output audit(ClusterState cluster, AuditState previous, AuditCycle.Settings settings) {
        return CYCLE.run(AuditCycle.Inputs.of(cluster), previous, NOW, settings);
    }

    private static List<String> verdicts(List<Decision> decisions) {
        return decisions.stream().map(d -> d.finding().rule().id() + " " + d.finding().severity().label() + " "
                + d.finding().resource().display() + " " + d.action().label()).sorted().toList();
    }

    @Test
    void aNewExposureIsRaisedReportedAndCountedAndTheNextStateRemembersIt() {
        AuditCycle.Output out = audit(cluster(memcached("shop", "LoadBalancer", "")), AuditState.INITIAL, OFF);

        assertThat(verdicts(out.diff().raised())).containsExactly("EG-EXP-001 critical Service shop/cache deny");
        assertThat(out.diff().cleared()).isEmpty();
        assertThat(out.reports().namespaces()).containsOnlyKeys("shop");
        assertThat(out.metrics().exposures()).containsEntry(Map.of("namespace", "shop", "team", "shop", "rule", "EG-EXP-001",
                "severity", "critical", "kind", "Service", "action", "deny"), 1);
        assertThat(out.metrics().raised()).hasSize(1);
        assertThat(out.next().previous()).containsOnlyKeys(FindingsDiff.key(out.decisions().get(0)));
        assertThat(out.next().consecutiveFailures()).isZero();
        assertThat(out.remediation()).as("remediation is off").isEmpty();
        assertThat(out.probes()).as("no probe requests are submitted").isEmpty();
    }

    /** Audit twice: the first snapshot, then the second, each from the state the previous audit left. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the same snapshot again raises and clears nothing | LoadBalancer | LoadBalancer |                                       |
            turning the Service internal clears the critical  | LoadBalancer | ClusterIP    | EG-EXP-003 low Deployment shop/cache alert  | EG-EXP-001 critical Service shop/cache deny
            exposing it raises the critical                   | ClusterIP    | NodePort     | EG-EXP-001 critical Service shop/cache deny | EG-EXP-003 low Deployment shop/cache alert
            """)
    void theDiffIsAgainstWhatThePreviousAuditPublished(String description, String before, String after, String raised, String cleared) {
        AuditState first = audit(cluster(memcached("shop", before, "")), AuditState.INITIAL, OFF).next();

        AuditCycle.Output second = audit(cluster(memcached("shop", after, "")), first, OFF);

        assertThat(verdicts(second.diff().raised())).isEqualTo(raised == null ? List.of() : List.of(raised));
        assertThat(verdicts(second.diff().cleared())).isEqualTo(cleared == null ? List.of() : List.of(cleared));
        assertThat(second.diff().changed()).isEqualTo(raised != null || cleared != null);
    }

    @Test
    void aPolicyStatusIsWrittenWhenItChangesAndNotWhenItIsAlreadyCurrent() {
        ExposurePolicy fresh = policy("{namespaceSelector: {matchLabels: {team: shop}}}");
        AuditCycle.Output first = audit(cluster(memcached("shop", "LoadBalancer", ""), fresh), AuditState.INITIAL, OFF);
        assertThat(first.policyStatus()).containsOnlyKeys("shop");
        ExposurePolicyStatus status = first.policyStatus().get("shop");
        assertThat(status.getFindings()).containsEntry("critical", 1).containsEntry("low", 0);

        ExposurePolicy current = policy("{namespaceSelector: {matchLabels: {team: shop}}}");
        current.setStatus(status);
        AuditCycle.Output second = audit(cluster(memcached("shop", "LoadBalancer", ""), current), first.next(), OFF);

        assertThat(second.policyStatus()).as("the status it has is the one it would get").isEmpty();
    }

    @Test
    void remediationIsPlannedOnlyWhenItIsOn() {
        ClusterState state = cluster(memcached("shop", "LoadBalancer", ""), FIX);

        assertThat(audit(state, AuditState.INITIAL, OFF).remediation()).isEmpty();
        assertThat(audit(state, AuditState.INITIAL, REMEDIATING).remediation()).singleElement()
                .isInstanceOfSatisfying(RemediationStep.Patch.class, p -> assertThat(p.target()).isEqualTo(ObjectRef.of("Service", "shop", "cache")));
    }

    /** What the probe requests are, by whether they are submitted, whether a policy asks, and the API server's addresses. */
    @ParameterizedTest(name = "submit={0}, policy asks={1}, addresses read={2}")
    @CsvSource(delimiter = '|', textBlock = """
            false | true  | true  | none
            true  | false | false | empty
            true  | true  | false | empty
            true  | true  | true  | planned
            """)
    void probeRequestsFollowTheLoopsReadingsAndThePolicies(boolean submit, boolean asks, boolean read, String expected) {
        ExposurePolicy policy = policy(asks ? "{probe: {mode: Exposed}}" : "{}");
        List<HasMetadata> objects = new ArrayList<>(memcached("shop", "LoadBalancer", ""));
        ((io.fabric8.kubernetes.api.model.Service) objects.get(1)).getSpec().setClusterIP("10.96.0.20");
        ClusterState state = new ClusterState(objects, List.of(policy), List.of(), Map.of());
        AuditCycle.Inputs inputs = new AuditCycle.Inputs(state, Optional.empty(), Map.of(), null, submit,
                read ? Optional.of(ApiServerAddresses.known(Set.of("10.0.0.1"))) : Optional.empty());

        Optional<List<ProbePlanner.Planned>> probes = CYCLE.run(inputs, AuditState.INITIAL, NOW, OFF).probes();

        switch (expected) {
            case "none" -> assertThat(probes).isEmpty();
            case "empty" -> assertThat(probes).hasValueSatisfying(p -> assertThat(p).isEmpty());
            default -> assertThat(probes).hasValueSatisfying(p -> assertThat(p).singleElement()
                    .satisfies(x -> assertThat(x.target().endpoint()).isEqualTo("10.96.0.20:11211")));
        }
    }

    @Test
    void anOptedOutObjectIsReportedAsAFindingOfItsOwnWhateverTheRemediationSetting() {
        ClusterState state = cluster(memcached("shop", "LoadBalancer", "exposureguard.io/remediation: disabled"), FIX);

        for (AuditCycle.Settings settings : List.of(OFF, REMEDIATING)) {
            AuditCycle.Output out = audit(state, AuditState.INITIAL, settings);
            assertThat(verdicts(out.decisions())).contains("EG-REM-001 medium Service shop/cache alert");
            assertThat(out.metrics().exposures().keySet()).anySatisfy(labels -> assertThat(labels).containsEntry("rule", "EG-REM-001"));
        }
        assertThat(audit(state, AuditState.INITIAL, REMEDIATING).remediation())
                .anySatisfy(s -> assertThat(s).isInstanceOf(RemediationStep.OptedOut.class));
    }

    @Test
    void aQuarantineTheSealProvesOursIsNamedInTheFindingsAndTheReport() {
        List<HasMetadata> objects = new ArrayList<>(memcached("shop", "LoadBalancer", ""));
        NetworkPolicy quarantine = QuarantinePolicies.forDatastore(ObjectRef.of("Deployment", "shop", "cache"), Map.of("app", "cache"),
                List.of(), List.of("EG-EXP-001"), "no safe patch", SEAL);
        objects.add(quarantine);
        String fact = "quarantined by NetworkPolicy shop/" + quarantine.getMetadata().getName();

        AuditCycle.Output withSeal = CYCLE.run(new AuditCycle.Inputs(cluster(objects), Optional.of(SEAL), Map.of(), null, false,
                Optional.empty()), AuditState.INITIAL, NOW, REMEDIATING);
        AuditCycle.Output withoutSeal = audit(cluster(objects), AuditState.INITIAL, REMEDIATING);

        assertThat(withSeal.decisions()).allSatisfy(d -> assertThat(d.finding().facts()).anySatisfy(f -> assertThat(f).startsWith(fact)));
        assertThat(withSeal.reports().namespaces().get("shop").toString()).contains(fact);
        assertThat(withoutSeal.decisions()).allSatisfy(d -> assertThat(d.finding().facts()).noneSatisfy(f -> assertThat(f).startsWith(fact)));
    }

    @Test
    void theAuditDecidesWhatScanAndAdmissionDecideForTheSameClusterOptOutsAndQuarantinesIncluded() {
        List<HasMetadata> objects = new ArrayList<>(memcached("shop", "LoadBalancer", "exposureguard.io/remediation: disabled"));
        NetworkPolicy quarantine = QuarantinePolicies.forDatastore(ObjectRef.of("Deployment", "shop", "cache"), Map.of("app", "cache"),
                List.of(), List.of("EG-EXP-001"), "no safe patch", SEAL);
        objects.add(quarantine);
        ClusterState state = cluster(objects, FIX);
        ClusterState proven = state.withQuarantines(QuarantinePolicies.proven(objects, Optional.of(SEAL)));

        List<Decision> audited = CYCLE.run(new AuditCycle.Inputs(state, Optional.of(SEAL), Map.of(), null, false, Optional.empty()),
                AuditState.INITIAL, NOW, REMEDIATING).outcome().reported();
        List<Decision> scanned = ASSESSOR.assess(proven, OPERATOR_NS, NOW, Map.of()).outcome().reported();
        HasMetadata service = objects.get(1);
        List<Decision> admitted = new AdmissionJudge(ASSESSOR).concerning(service, proven, OPERATOR_NS, NOW);

        assertThat(audited).extracting(Decision::finding).containsExactlyInAnyOrderElementsOf(scanned.stream().map(Decision::finding).toList());
        assertThat(verdicts(audited)).contains("EG-REM-001 medium Service shop/cache alert");
        assertThat(admitted).extracting(Decision::finding).containsExactlyInAnyOrderElementsOf(audited.stream().map(Decision::finding)
                .filter(f -> f.resource().equals(ObjectRef.of("Service", "shop", "cache"))).toList());
        assertThat(admitted).filteredOn(d -> !d.finding().rule().id().equals("EG-REM-001"))
                .isNotEmpty().allSatisfy(d -> assertThat(d.finding().facts()).anySatisfy(f -> assertThat(f).startsWith("quarantined by")));
    }

    /** Scheduling and backoff: what a tick does, from the state and the time. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            never audited: a full audit                       | 0 | PT0S  | PT0S   | FULL
            full audit 1 s ago, interval 2 s: only on changes | 0 | PT0S  | PT1S   | IF_CHANGED
            full audit 2 s ago, interval 2 s: a full audit    | 0 | PT0S  | PT2S   | FULL
            one failure, 150 ms later: waits (backoff 400 ms) | 1 | PT0.15S | PT1S | WAIT
            one failure, 500 ms later: runs again             | 1 | PT0.5S | PT1S  | IF_CHANGED
            three failures, 1 s later: waits (1.6 s)          | 3 | PT1S  | PT1S   | WAIT
            """)
    void aTickWaitsAuditsOnChangesOrAuditsInFull(String description, int failures, Duration sinceFailure, Duration sinceFull,
                                                 AuditState.Due expected) {
        Instant lastFull = NOW.minus(sinceFull);
        AuditState state = new AuditState(Map.of(), 0, Instant.EPOCH, sinceFull.isZero() ? Instant.EPOCH : lastFull);
        Instant failedAt = NOW.minus(sinceFailure);
        for (int i = 0; i < failures; i++) {
            state = state.failed(failedAt, Duration.ofMillis(200));
        }

        assertThat(state.due(NOW, Duration.ofSeconds(2))).isEqualTo(expected);
    }

    @Test
    void aCompletedAuditResetsTheFailuresAndANewLeaderRepublishesEverything() {
        AuditState failed = AuditState.INITIAL.failed(NOW, Duration.ofMillis(200)).failed(NOW, Duration.ofMillis(200));
        AuditCycle.Output out = audit(cluster(memcached("shop", "LoadBalancer", "")), failed, OFF);

        assertThat(failed.consecutiveFailures()).isEqualTo(2);
        assertThat(out.next().consecutiveFailures()).isZero();
        assertThat(out.next().republish().previous()).isEmpty();
        assertThat(audit(cluster(memcached("shop", "LoadBalancer", "")), out.next().republish(), OFF).diff().raised()).hasSize(1);
    }

    /** The CRD an API's reports are checked against: the chart's vendored copy, at the version the operator writes. */
    private static com.fasterxml.jackson.databind.JsonNode reportSchema(ReportApi api, boolean cluster) throws java.io.IOException {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var crd = yaml.readTree(java.nio.file.Path.of("deploy/helm/exposure-guard/files/report-crds",
                api.group() + "_" + (cluster ? api.clusterPlural() : api.plural()) + ".yaml").toFile());
        for (var version : crd.at("/spec/versions")) {
            if (version.get("name").asText().equals(api.version())) {
                assertThat(version.get("served").asBoolean()).as(api + " serves " + api.version()).isTrue();
                return version.at("/schema/openAPIV3Schema");
            }
        }
        throw new AssertionError(crd.at("/metadata/name") + " has no version " + api.version());
    }

    /** Fields of {@code value} the API server would drop because the schema does not declare them. */
    private static void pruned(com.fasterxml.jackson.databind.JsonNode schema, com.fasterxml.jackson.databind.JsonNode value,
                               String path, List<String> out) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                pruned(schema.path("items"), value.get(i), path + "[" + i + "]", out);
            }
        } else if (value.isObject() && !path.equals("metadata") && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            value.fields().forEachRemaining(e -> {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (schema.path("properties").has(e.getKey())) {
                    pruned(schema.path("properties").get(e.getKey()), e.getValue(), at, out);
                } else if (schema.path("additionalProperties").isObject()) {
                    pruned(schema.get("additionalProperties"), e.getValue(), at, out);
                } else {
                    out.add(at);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(ReportApi.class)
    void everyReportFitsItsApisCrdSchemaWithNoFieldDropped(ReportApi api) throws Exception {
        List<HasMetadata> objects = new ArrayList<>(memcached("shop", "LoadBalancer", ""));
        objects.addAll(Manifests.objects("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: db, namespace: shop, resourceVersion: "1"}
                spec:
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: pg, image: "postgres:16", env: [{name: POSTGRES_PASSWORD, value: s3cret}]}]}
                """));
        ExposurePolicy broken = YAML.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: broken, generation: 1, resourceVersion: "1"}
                spec: {allowedSourceCidrs: [10.0.0.0/99]}
                """, ExposurePolicy.class);
        List<java.util.Map<String, Object>> docs = audit(cluster(objects, FIX, broken), AuditState.INITIAL, OFF).reports().documents(api);

        assertThat(docs).extracting(d -> String.valueOf(d.get("kind"))).containsExactly(api.kind(), api.clusterKind());
        assertThat(docs.get(0).toString()).contains("result=fail", "result=pass");
        assertThat(docs.get(1).toString()).contains("result=error", "10.0.0.0/99");
        for (java.util.Map<String, Object> doc : docs) {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(doc);
            var schema = reportSchema(api, doc.get("kind").equals(api.clusterKind()));
            assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V4)
                    .getSchema(schema).validate(tree)).as(doc.get("kind") + " against its schema").isEmpty();
            List<String> dropped = new ArrayList<>();
            pruned(schema, (com.fasterxml.jackson.databind.JsonNode) tree, "", dropped);
            assertThat(dropped).as(doc.get("kind") + ": fields the API server would drop").isEmpty();
        }
    }
}
