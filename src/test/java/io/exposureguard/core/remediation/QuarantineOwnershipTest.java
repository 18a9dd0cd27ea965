package io.exposureguard.core.remediation;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which quarantines the planner keeps and lifts: only its own (the signature verifies), only where a policy says fix,
 * and never because the exposed object opted out. Pure: the planner runs on an assessment of plain objects.
 */
class QuarantineOwnershipTest {

    private static final String OPERATOR_NS = "exposure-guard";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Assessor ASSESSOR = new Assessor(ExposureEngine.standard());
    private static final RemediationPlanner PLANNER = new RemediationPlanner(new ObjectFixer(new AdmissionJudge(ASSESSOR)));
    private static final ExposurePolicy FIX = YAML.unmarshal("""
            apiVersion: exposureguard.io/v1alpha1
            kind: ExposurePolicy
            metadata: {name: fix}
            spec: {namespaceSelector: {matchLabels: {remediate: "yes"}}, actions: {critical: fix}, allowedSourceCidrs: [10.0.0.0/8]}
            """, ExposurePolicy.class);
    private static final Map<String, Map<String, String>> NAMESPACES = Map.of("shop", Map.of("remediate", "yes"),
            "lab", Map.of(), "kube-system", Map.of("remediate", "yes"));

    static HasMetadata queue(String ns, boolean hostPort, boolean optedOut) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: queue, namespace: %s, resourceVersion: "1"%s}
                spec:
                  selector: {matchLabels: {app: queue}}
                  template:
                    metadata: {labels: {app: queue}}
                    spec: {containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379%s}]}]}
                """.formatted(ns, optedOut ? ", annotations: {exposureguard.io/remediation: disabled}" : "",
                hostPort ? ", hostPort: 6379" : ""));
    }

    /** The quarantine exposure-guard writes for Deployment ns/queue, signed with {@code seal}. */
    static NetworkPolicy quarantineOf(String ns, QuarantineSeal seal) {
        return QuarantinePolicies.forDatastore(ObjectRef.of("Deployment", ns, "queue"), Map.of("app", "queue"), List.of("10.0.0.0/8"),
                List.of("EG-EXP-001"), "no safe patch", seal);
    }

    private static List<RemediationStep> plan(Optional<QuarantineSeal> seal, HasMetadata... objects) {
        List<HasMetadata> all = new ArrayList<>(List.of(objects));
        Assessor.Assessment a = ASSESSOR.assess(all, List.of(FIX), List.of(), OPERATOR_NS, NAMESPACES, NOW);
        ClusterState state = new ClusterState(all, List.of(FIX), List.of(), NAMESPACES);
        return PLANNER.plan(a.outcome().reported(), state, a.inventory(), OPERATOR_NS, List.of("10.0.0.0/8"),
                (target, version, at) -> RemediationLedger.State.NONE, seal,
                ASSESSOR.fixNamespaces(List.of(FIX), NAMESPACES, OPERATOR_NS), NOW);
    }

    private static List<String> lifted(List<RemediationStep> steps) {
        return steps.stream().filter(s -> s instanceof RemediationStep.Lift).map(s -> s.target().display()).toList();
    }

    @Test
    void anOptOutOnTheExposedObjectKeepsItsExistingQuarantine() {
        List<RemediationStep> steps = plan(Optional.of(QuarantineSealTest.SEAL), queue("shop", true, true),
                quarantineOf("shop", QuarantineSealTest.SEAL));

        assertThat(steps).anySatisfy(s -> assertThat(s).isInstanceOf(RemediationStep.OptedOut.class));
        assertThat(lifted(steps)).isEmpty();
    }

    @Test
    void ourQuarantineIsLiftedOnceTheExposureIsGone() {
        assertThat(lifted(plan(Optional.of(QuarantineSealTest.SEAL), queue("shop", false, false), quarantineOf("shop", QuarantineSealTest.SEAL))))
                .containsExactly("NetworkPolicy shop/exposure-guard-quarantine-deployment-queue");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            signed with another key                     | shop        | other-key
            a look-alike with a made-up signature       | shop        | guessed
            ours, but no policy says fix there any more | lab         | ours
            ours, in kube-system (excluded by default)  | kube-system | ours
            ours, in the operator's namespace           | exposure-guard | ours
            """)
    void aQuarantineIsLiftedOnlyWhenItIsProvenOursAndAPolicySaysFixInItsNamespace(String description, String ns, String signature) {
        NetworkPolicy np = switch (signature) {
            case "other-key" -> quarantineOf(ns, new QuarantineSeal(QuarantineSealTest.key(9)));
            case "guessed" -> new NetworkPolicyBuilder(quarantineOf(ns, QuarantineSealTest.SEAL)).editMetadata()
                    .addToAnnotations(QuarantineSeal.ANNOTATION, "v1:" + "x".repeat(43)).endMetadata().build();
            default -> quarantineOf(ns, QuarantineSealTest.SEAL);
        };

        assertThat(lifted(plan(Optional.of(QuarantineSealTest.SEAL), queue(ns, false, false), np))).isEmpty();
    }

    @Test
    void withoutTheKeyNothingIsLiftedAndAQuarantineIsNotPossible() {
        List<RemediationStep> withoutKey = plan(Optional.empty(), queue("shop", true, false), quarantineOf("lab", QuarantineSealTest.SEAL),
                new NetworkPolicyBuilder(quarantineOf("shop", QuarantineSealTest.SEAL)).editMetadata().withName("old").endMetadata().build());

        assertThat(lifted(withoutKey)).isEmpty();
        assertThat(withoutKey).singleElement().isInstanceOfSatisfying(RemediationStep.NotPossible.class,
                n -> assertThat(n.reason()).startsWith("exposure-guard's quarantine key (Secret exposure-guard-quarantine-key"));
    }

    @Test
    void aPodTakingOnTheDatastoresLabelsMakesANewSelectorImpossibleButDoesNotLiftTheQuarantine() {
        HasMetadata impostor = YAML.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: impostor, namespace: shop, labels: {app: queue}}
                spec: {containers: [{name: web, image: "nginx:1.27"}]}
                """, HasMetadata.class);

        List<RemediationStep> steps = plan(Optional.of(QuarantineSealTest.SEAL), queue("shop", true, false), impostor,
                quarantineOf("shop", QuarantineSealTest.SEAL));

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.NotPossible.class,
                n -> assertThat(n.reason()).contains("are also on the pods of Pod shop/impostor"));
    }

    @Test
    void theQuarantineItPlansIsSignedAndSelectsTheDatastoreNarrowly() {
        List<RemediationStep> steps = plan(Optional.of(QuarantineSealTest.SEAL), queue("shop", true, false));

        assertThat(steps).singleElement().isInstanceOfSatisfying(RemediationStep.Quarantine.class, q -> {
            assertThat(QuarantinePolicies.isOurs(q.policy(), QuarantineSealTest.SEAL)).isTrue();
            assertThat(q.policy().getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "queue"));
        });
    }
}
