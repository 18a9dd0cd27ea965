package io.exposureguard.core.engine;

import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One engine serves every caller at once (the webhooks judge on a pool with one shared assessor): no call may see
 * another's state. Two policy sets that disagree on which networks are internal judge the same Service differently;
 * 1,200 assessments of both, interleaved on 8 threads, each get the answer of their own policy set. (When the path
 * analyzer kept the internal networks of the call in a field, tens of thousands of paths came back with the other
 * caller's reach.)
 */
class SharedEngineConcurrencyTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final List<HasMetadata> OBJECTS = Manifests.objects("""
            apiVersion: v1
            kind: Pod
            metadata: {name: cache-0, namespace: shop, labels: {app: cache}}
            spec:
              containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cache, namespace: shop}
            spec:
              type: LoadBalancer
              loadBalancerSourceRanges: [10.20.0.0/16]
              selector: {app: cache}
              ports: [{port: 6379}]
            """);

    private static ExposurePolicy policy(String internal) {
        return JSON.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: default}
                spec: {allowedSourceCidrs: [%s]}
                """.formatted(internal), ExposurePolicy.class);
    }

    /**
     * As the cluster would hand it over: with a resourceVersion (the same one for both, as two clusters may); a broken
     * one has a namespace selector that makes it invalid, so the built-in default judges instead.
     */
    private static ExposurePolicy cached(boolean broken) {
        ExposurePolicy p = policy("10.20.0.0/16");
        p.getMetadata().setResourceVersion("7");
        if (broken) {
            p.getSpec().setNamespaceSelector(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                    .addNewMatchExpression().withKey("team").withOperator("Sometimes").endMatchExpression().build());
        }
        return p;
    }

    private static final List<ExposurePolicy> OFFICE_IS_INTERNAL = List.of(policy("10.20.0.0/16"));
    private static final List<ExposurePolicy> OFFICE_IS_OUTSIDE = List.of(policy("192.168.0.0/16"));

    private final Assessor shared = new Assessor(ExposureEngine.standard());

    private List<String> verdicts(List<ExposurePolicy> policies) {
        return shared.assess(OBJECTS, policies, List.of(), "exposure-guard", Map.of(), Instant.EPOCH).outcome().reported().stream()
                .map(Decision::finding).map(f -> f.rule().id() + " " + f.severity().label() + " " + FindingText.path(f) + " " + f.facts())
                .sorted().toList();
    }

    @Test
    void concurrentAssessmentsWithTheirOwnPoliciesEachGetTheirOwnResult() throws Exception {
        assertEachGetsItsOwn(OFFICE_IS_INTERNAL, OFFICE_IS_OUTSIDE);
    }

    /**
     * The assessor remembers validations of policies from the cluster (identity and resourceVersion): two policy sets
     * with the same name and resourceVersion but different specs must never share a remembered result.
     */
    @Test
    void rememberedValidationsNeverCrossCallersWhosePoliciesShareNameAndVersion() throws Exception {
        assertEachGetsItsOwn(List.of(cached(false)), List.of(cached(true)));
    }

    private void assertEachGetsItsOwn(List<ExposurePolicy> first, List<ExposurePolicy> second) throws Exception {
        List<String> firstVerdicts = verdicts(first);
        List<String> secondVerdicts = verdicts(second);
        assertThat(firstVerdicts).as("the two policy sets must judge differently for this test to mean anything").isNotEqualTo(secondVerdicts);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            boolean even = i % 2 == 0;
            Callable<Boolean> check = () -> verdicts(even ? first : second).equals(even ? firstVerdicts : secondVerdicts);
            checks.add(pool.submit(check));
        }
        long wrong = 0;
        for (Future<Boolean> f : checks) {
            wrong += f.get() ? 0 : 1;
        }
        pool.shutdown();

        assertThat(wrong).as("assessments that got another caller's result").isZero();
    }
}
