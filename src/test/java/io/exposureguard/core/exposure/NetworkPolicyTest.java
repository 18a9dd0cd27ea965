package io.exposureguard.core.exposure;

import io.exposureguard.core.model.Finding;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NetworkPolicies that limit who may connect close the in-cluster finding (as EG-EXP-003 recommends);
 * for paths from outside they are reported as a fact but never lower the verdict.
 */
class NetworkPolicyTest {

    private static final String REDIS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sessions, namespace: web}
            spec:
              selector: {matchLabels: {app: sessions}}
              template:
                metadata: {labels: {app: sessions}}
                spec: {containers: [{name: redis, image: "redis:7.2", ports: [{name: redis, containerPort: 6379}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: sessions, namespace: web}
            spec: {type: %s, selector: {app: sessions}, ports: [{port: 6379}]}
            """;

    private static String policy(String spec) {
        return """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: sessions-clients, namespace: %s}
                spec: %s
                """.formatted("web", spec);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no policy                                                                                   | EG-EXP-003 low
            allow only the web frontend                                                                 | -
            deny all ingress                                                                            | -
            a rule without from admits everyone                                                         | EG-EXP-003 low
            ipBlock 0.0.0.0/0 admits everyone                                                            | EG-EXP-003 low
            selects other pods                                                                          | EG-EXP-003 low
            egress only                                                                                 | EG-EXP-003 low
            an open rule for another port does not open the datastore port                              | -
            named port limited                                                                          | -
            """)
    void inClusterFindingDependsOnWhetherAPolicyLimitsTheDatastorePort(String description, String expected) {
        String spec = switch (description) {
            case "no policy" -> null;
            case "allow only the web frontend" -> "{podSelector: {matchLabels: {app: sessions}}, ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]}";
            case "deny all ingress" -> "{podSelector: {}, policyTypes: [Ingress]}";
            case "a rule without from admits everyone" -> "{podSelector: {matchLabels: {app: sessions}}, ingress: [{ports: [{port: 6379}]}]}";
            case "ipBlock 0.0.0.0/0 admits everyone" -> "{podSelector: {matchLabels: {app: sessions}}, ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}";
            case "selects other pods" -> "{podSelector: {matchLabels: {app: other}}, ingress: []}";
            case "egress only" -> "{podSelector: {}, policyTypes: [Egress]}";
            case "an open rule for another port does not open the datastore port" -> "{podSelector: {}, ingress: [{from: [{podSelector: {}}], ports: [{port: 6379}]}, {ports: [{port: 1}]}], policyTypes: [Ingress]}";
            case "named port limited" -> "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}], ports: [{port: redis}]}]}";
            default -> throw new IllegalArgumentException(description);
        };
        String yaml = REDIS.formatted("ClusterIP") + (spec == null ? "" : policy(spec));

        List<String> verdicts = Manifests.verdicts(yaml);

        if (expected.equals("-")) {
            assertThat(verdicts).isEmpty();
        } else {
            assertThat(verdicts).containsExactly(expected);
        }
    }

    @Test
    void aLimitingPolicyDoesNotLowerAnExternalExposureButIsNamed() {
        String yaml = REDIS.formatted("LoadBalancer")
                + policy("{podSelector: {matchLabels: {app: sessions}}, ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]}");

        List<Finding> findings = Manifests.evaluate(yaml).findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(Manifests.verdict(f)).isEqualTo("EG-EXP-001 critical");
            assertThat(f.facts()).anyMatch(fact -> fact.startsWith("NetworkPolicy web/sessions-clients limits ingress to these pods"));
        });
    }
}
