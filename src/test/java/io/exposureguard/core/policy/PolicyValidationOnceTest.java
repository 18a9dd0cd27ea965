package io.exposureguard.core.policy;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policies are validated once per assessment, and those from the cluster (they carry a resourceVersion) once per
 * change, however many audits and admission requests assess them; a policy edited in place without a new
 * resourceVersion (files, tests) is validated again on each assessment.
 */
class PolicyValidationOnceTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
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
            spec: {type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}
            """);

    /** Counts what it validates. */
    static final class CountingValidator extends PolicyValidator {
        final AtomicInteger policies = new AtomicInteger();
        final AtomicInteger exceptions = new AtomicInteger();

        CountingValidator() {
            super(ExposureEngine.standard().catalog().ids());
        }

        @Override
        public List<PolicyProblem> validate(ExposurePolicy policy) {
            policies.incrementAndGet();
            return super.validate(policy);
        }

        @Override
        public List<PolicyProblem> validate(ExposureException exception) {
            exceptions.incrementAndGet();
            return super.validate(exception);
        }
    }

    private static ExposurePolicy policy(String name, String resourceVersion) {
        ExposurePolicy p = YAML.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: %s}
                spec: {allowedSourceCidrs: [10.0.0.0/8], provider: aws, datastores: [{name: queue, imagePatterns: ["acme/queue*"], ports: [7000]}]}
                """.formatted(name), ExposurePolicy.class);
        p.getMetadata().setResourceVersion(resourceVersion);
        return p;
    }

    private static ExposureException exception(String resourceVersion) {
        ExposureException e = YAML.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: demo, namespace: exposure-guard}
                spec: {rules: [EG-EXP-001], resources: [{namespace: shop}], reason: demo, approvedBy: sre, expiresAt: "2099-01-01T00:00:00Z"}
                """, ExposureException.class);
        e.getMetadata().setResourceVersion(resourceVersion);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            from the cluster, assessed three times: once each          | 12 | 3 | 2 | 1
            from the cluster, changed between the assessments: again   | 12 | 3 | 6 | 3
            from files (no resourceVersion): once per assessment, not 4 |    | 3 | 6 | 3
            """)
    void eachPolicyIsValidatedOncePerChange(String description, String resourceVersion, int assessments, int policyValidations,
                                            int exceptionValidations) {
        CountingValidator counting = new CountingValidator();
        Assessor assessor = new Assessor(ExposureEngine.standard(), counting);
        boolean changes = description.contains("changed");
        List<ExposurePolicy> policies = List.of(policy("a", resourceVersion), policy("b", resourceVersion));
        List<ExposureException> exceptions = List.of(exception(resourceVersion));

        for (int i = 0; i < assessments; i++) {
            List<ExposurePolicy> current = policies;
            List<ExposureException> currentExceptions = exceptions;
            if (changes) {
                // The informer hands over a new object, with a new resourceVersion, for every change.
                String version = String.valueOf(100 + i);
                current = List.of(policy("a", version), policy("b", version));
                currentExceptions = List.of(exception(version));
            }
            assessor.assess(OBJECTS, current, currentExceptions, "exposure-guard", Map.of(), Instant.EPOCH);
            if (resourceVersion != null) {
                // What the audit also asks when it remediates: answered from the remembered validations.
                assessor.internalCidrs(current);
                assessor.fixNamespaces(current, Map.of(), "exposure-guard");
            }
        }

        assertThat(counting.policies).as("policy validations").hasValue(policyValidations);
        assertThat(counting.exceptions).as("exception validations").hasValue(exceptionValidations);
    }

    @org.junit.jupiter.api.Test
    void aCachedPolicyWhoseResourceVersionChangesInPlaceIsValidatedAgain() {
        CountingValidator counting = new CountingValidator();
        Assessor assessor = new Assessor(ExposureEngine.standard(), counting);
        ExposurePolicy p = policy("a", "1");
        List<ExposurePolicy> policies = new ArrayList<>(List.of(p));

        assessor.internalCidrs(policies);
        p.getSpec().setAllowedSourceCidrs(List.of("not-a-cidr"));
        p.getMetadata().setResourceVersion("2");

        assertThat(assessor.internalCidrs(policies)).as("the invalid policy declares nothing").isEmpty();
        assertThat(counting.policies).hasValue(2);
    }
}
