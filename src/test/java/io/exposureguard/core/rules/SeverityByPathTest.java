package io.exposureguard.core.rules;

import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The same datastore weakness is worth different severities depending on how far it reaches. */
class SeverityByPathTest {

    private static String elasticsearch(String config, String serviceSpec) {
        return """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: es, namespace: data}
                spec:
                  version: 8.15.0
                  http: {service: {spec: %s}}
                  nodeSets: [{name: default, count: 1, config: %s}]
                """.formatted(serviceSpec, config);
    }

    @ParameterizedTest(name = "config {0}, service {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {xpack.security.enabled: false}                          | {type: LoadBalancer}                                          | EG-EXP-001 critical
            {xpack.security.enabled: false}                          | {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8]} | EG-EXP-001 high
            {xpack.security.enabled: false}                          | {type: NodePort}                                              | EG-EXP-001 critical
            {xpack.security.enabled: false}                          | {type: ClusterIP}                                             | EG-EXP-003 low
            {xpack.security.authc.anonymous.roles: superuser}        | {type: LoadBalancer}                                          | EG-EXP-002 critical
            {xpack.security.authc.anonymous.roles: superuser}        | {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8]} | EG-EXP-002 high
            {xpack.security.authc.anonymous.roles: editor}           | {type: LoadBalancer}                                          | EG-EXP-002 high
            {xpack.security.authc.anonymous.roles: monitoring_user}  | {type: LoadBalancer}                                          | EG-EXP-002 medium
            {xpack.security.authc.anonymous.roles: superuser}        | {type: ClusterIP}                                             | EG-EXP-003 low
            {node.store.allow_mmap: false}                           | {type: LoadBalancer}                                          | EG-EXP-004 medium
            {node.store.allow_mmap: false}                           | {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8]} | EG-EXP-004 low
            """)
    void elasticsearchSeverity(String config, String serviceSpec, String expected) {
        assertThat(Manifests.verdicts(elasticsearch(config, serviceSpec))).containsExactly(expected);
    }

    @Test
    void securityDisabledThroughPodTemplateEnvCountsToo() {
        String yaml = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: es, namespace: data}
                spec:
                  version: 8.15.0
                  http: {service: {spec: {type: LoadBalancer}}}
                  nodeSets:
                    - name: default
                      count: 1
                      podTemplate:
                        spec:
                          containers:
                            - name: elasticsearch
                              env: [{name: ES_SETTING_XPACK_SECURITY_ENABLED, value: "false"}]
                """;

        assertThat(Manifests.verdicts(yaml)).containsExactly("EG-EXP-001 critical");
    }

    @Test
    void kibanaInFrontOfAnElasticsearchWithoutSecurityIsOpenToo() {
        String yaml = elasticsearch("{xpack.security.enabled: false}", "{type: ClusterIP}") + """
                ---
                apiVersion: kibana.k8s.elastic.co/v1
                kind: Kibana
                metadata: {name: kb, namespace: data}
                spec:
                  version: 8.15.0
                  elasticsearchRef: {name: es}
                  http: {service: {spec: {type: LoadBalancer}}}
                """;

        assertThat(Manifests.verdicts(yaml)).containsExactly("EG-EXP-001 critical", "EG-EXP-003 low");
    }

    @Test
    void kibanaAnonymousLoginProviderBehindALoadBalancerIsHigh() {
        String yaml = elasticsearch("{}", "{type: ClusterIP}") + """
                ---
                apiVersion: kibana.k8s.elastic.co/v1
                kind: Kibana
                metadata: {name: kb, namespace: data}
                spec:
                  version: 8.15.0
                  elasticsearchRef: {name: es}
                  config:
                    xpack.security.authc.providers:
                      anonymous.anonymous1: {order: 0, credentials: {username: guest, password: guest}}
                  http: {service: {spec: {type: LoadBalancer}}}
                """;

        assertThat(Manifests.verdicts(yaml)).containsExactly("EG-EXP-002 high");
    }

    @Test
    void kibanaWithSecurityOnBehindALoadBalancerIsNotAFinding() {
        String yaml = elasticsearch("{}", "{type: ClusterIP}") + """
                ---
                apiVersion: kibana.k8s.elastic.co/v1
                kind: Kibana
                metadata: {name: kb, namespace: data}
                spec: {version: 8.15.0, elasticsearchRef: {name: es}, http: {service: {spec: {type: LoadBalancer}}}}
                """;

        assertThat(Manifests.verdicts(yaml)).isEmpty();
    }

    @Test
    void anIngressInFrontOfADatastoreWithItsOwnAuthIsLowerThanOneWithAuthOff() {
        String ingress = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: es, namespace: data}
                spec:
                  rules: [{host: es.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: es-es-http, port: {name: https}}}}]}}]
                """;

        assertThat(Manifests.verdicts(elasticsearch("{xpack.security.enabled: false}", "{type: ClusterIP}") + ingress))
                .containsExactly("EG-EXP-001 critical");
        assertThat(Manifests.verdicts(elasticsearch("{}", "{type: ClusterIP}") + ingress)).isEmpty();
    }

    @Test
    void plaintextHttpPublishedThroughALoadBalancerIsMedium() {
        String yaml = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: es, namespace: data}
                spec:
                  version: 8.15.0
                  http:
                    tls: {selfSignedCertificate: {disabled: true}}
                    service: {spec: {type: LoadBalancer}}
                  nodeSets: [{name: default, count: 1}]
                """;

        assertThat(Manifests.verdicts(yaml)).containsExactly("EG-EXP-004 medium", "EG-TLS-001 medium");
    }

    @Test
    void oneFindingPerRuleResourceAndDatastoreEvenWithManyPortsAndNodeSets() {
        String yaml = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: es, namespace: data}
                spec:
                  version: 8.15.0
                  http: {service: {spec: {type: LoadBalancer, ports: [{name: https, port: 443}, {name: alt, port: 9200}]}}}
                  nodeSets:
                    - {name: hot, count: 1, config: {xpack.security.enabled: false}}
                    - {name: warm, count: 1, config: {xpack.security.enabled: false}}
                """;

        assertThat(Manifests.verdicts(yaml)).containsExactly("EG-EXP-001 critical");
    }
}
