package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.PolicyDecider;
import io.exposureguard.core.policy.PolicyValidator;
import io.exposureguard.core.exposure.CloudProvider;
import io.exposureguard.core.rules.RuleCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant cannot talk a public LoadBalancer down from critical with an annotation: only the cluster's provider's
 * internal annotation (spec.provider) lowers it, and a public address in the Service's status wins over any
 * annotation. Judged as admission judges it, with the default actions (critical deny, high alert).
 */
class SpoofedLoadBalancerAnnotationsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final AdmissionJudge JUDGE = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final String ES = AdmissionFixtures.openElasticsearch("StatefulSet", "spoof");

    private static HasMetadata loadBalancer(String annotations, String statusIp) {
        return JSON.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: es
                  namespace: spoof
                  annotations: {%s}
                spec: {type: LoadBalancer, selector: {app: es}, ports: [{name: http, port: 9200, targetPort: http}]}
                status: {loadBalancer: {ingress: [%s]}}
                """.formatted(annotations, statusIp.isEmpty() ? "" : "{ip: " + statusIp + "}"));
    }

    private static ExposurePolicy policy(String provider) {
        return JSON.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: default}
                spec: {provider: %s}
                """.formatted(provider), ExposurePolicy.class);
    }

    @ParameterizedTest(name = "{0} on provider {1}, status [{2}] -> allowed {3}")
    @CsvSource(delimiter = '|', textBlock = """
            'cloud.google.com/load-balancer-type: Internal'                               | aws   |             | false
            'cloud.google.com/load-balancer-type: Internal'                               | auto  |             | false
            'cloud.google.com/load-balancer-type: Internal'                               | gcp   |             | true
            'networking.gke.io/load-balancer-type: Internal'                              | azure |             | false
            'service.beta.kubernetes.io/azure-load-balancer-internal: "true"'             | aws   |             | false
            'service.beta.kubernetes.io/azure-load-balancer-internal: "true"'             | azure |             | true
            'service.beta.kubernetes.io/azure-load-balancer-internal: "yes"'              | azure |             | false
            'service.beta.kubernetes.io/aws-load-balancer-scheme: internal'               | aws   |             | true
            'service.beta.kubernetes.io/aws-load-balancer-scheme: internal, service.beta.kubernetes.io/aws-load-balancer-internal: "false"' | aws | | false
            'service.beta.kubernetes.io/aws-load-balancer-scheme: internal'               | aws   | 52.16.0.10  | false
            'service.beta.kubernetes.io/azure-load-balancer-internal: "true"'             | azure | 20.50.1.7   | false
            'service.beta.kubernetes.io/azure-load-balancer-internal: "true"'             | azure | 10.240.0.7  | true
            """)
    void onlyTheProvidersOwnInternalAnnotationLowersAPublicLoadBalancer(String annotations, String provider, String status,
                                                                       boolean allowed) {
        ClusterState cluster = new ClusterState(new ArrayList<>(List.of(JSON.<HasMetadata>unmarshal(ES))),
                List.of(policy(provider)), List.of(), Map.of());

        AdmissionVerdict verdict = JUDGE.judge("CREATE", loadBalancer(annotations, status == null ? "" : status.trim()),
                cluster, "exposure-guard", NOW);

        assertThat(verdict.allowed()).as(verdict.message()).isEqualTo(allowed);
        if (allowed) {
            assertThat(verdict.warnings()).singleElement().asString().startsWith("exposure-guard EG-EXP-001 high (alert)");
        } else {
            assertThat(verdict.message()).contains("[EG-EXP-001 critical]");
        }
    }

    @ParameterizedTest(name = "policies naming {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            aws          | AWS
            aws;auto     | AWS
            aws;aws      | AWS
            aws;gcp      | AUTO
            auto         | AUTO
            ''           | AUTO
            digitalocean | AUTO
            """)
    void theProviderIsTheOneTheValidPoliciesNameAndAutoWhenTheyDisagree(String providers, CloudProvider expected) {
        List<ExposurePolicy> policies = new ArrayList<>();
        for (String p : providers.split(";")) {
            ExposurePolicy policy = policy("auto");
            policy.getSpec().setProvider(p.isEmpty() ? null : p);
            policies.add(policy);
        }
        PolicyValidator validator = new PolicyValidator(new RuleCatalog().ids());

        assertThat(new PolicyDecider(validator).provider(policies)).isEqualTo(expected);
        if (providers.equals("digitalocean")) {
            assertThat(validator.validate(policies.get(0))).anySatisfy(problem -> {
                assertThat(problem.field()).isEqualTo("spec.provider");
                assertThat(problem.message()).isEqualTo("'digitalocean' is not auto, aws, gcp, azure or oci");
            });
        }
    }

    @ParameterizedTest(name = "provider {0} -> problem: {1}")
    @CsvSource({"auto, true", "gcp, false"})
    void anInternalLoadBalancerFixWithoutANamedProviderIsReported(String provider, boolean reported) {
        ExposurePolicy policy = policy(provider);
        policy.getSpec().getRemediation().setService("InternalLoadBalancer");
        policy.getSpec().getRemediation().setInternalLoadBalancerAnnotations(Map.of("networking.gke.io/load-balancer-type", "Internal"));

        var problems = new PolicyValidator(new RuleCatalog().ids()).validate(policy);

        assertThat(problems.stream().anyMatch(p -> p.field().equals("spec.provider") && !p.fatal()
                && p.message().startsWith("service: InternalLoadBalancer needs the provider named"))).isEqualTo(reported);
    }
}
