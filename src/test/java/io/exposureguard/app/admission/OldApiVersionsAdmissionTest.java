package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An object that arrives at admission in an old apiVersion (a webhook registered for it, or a review sent as is) is
 * judged as its current kind: the one that completes an exposure path is denied, named as it was written.
 */
class OldApiVersionsAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final AdmissionJudge JUDGE = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final String LOAD_BALANCER = """
            apiVersion: v1
            kind: Service
            metadata: {name: es, namespace: old}
            spec: {type: LoadBalancer, selector: {app: es}, ports: [{name: http, port: 9200}]}
            """;
    private static final String CLUSTER_IP = LOAD_BALANCER.replace("type: LoadBalancer, ", "");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            apps/v1beta1              | Deployment  | spec: {template: {metadata: {labels: {app: es}}, spec: {containers: [{name: es, image: "elasticsearch:5", ports: [{containerPort: 9200}]}]}}}
            extensions/v1beta1        | Deployment  | spec: {template: {metadata: {labels: {app: es}}, spec: {containers: [{name: es, image: "elasticsearch:5", ports: [{containerPort: 9200}]}]}}}
            apps/v1beta2              | StatefulSet | spec: {template: {metadata: {labels: {app: es}}, spec: {containers: [{name: es, image: "elasticsearch:5", ports: [{containerPort: 9200}]}]}}}
            """)
    void anOldWorkloadBehindALoadBalancerIsDenied(String apiVersion, String kind, String spec) {
        HasMetadata incoming = object("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: es, namespace: old}\n" + spec);

        AdmissionVerdict verdict = JUDGE.judge("CREATE", incoming, state(object(LOAD_BALANCER)), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).startsWith("exposure-guard denied " + kind + " old/es").contains("[EG-EXP-001 critical]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            networking.k8s.io/v1beta1 | rules: [{host: es.example.com, http: {paths: [{path: /, backend: {serviceName: es, servicePort: 9200}}]}}]
            extensions/v1beta1        | backend: {serviceName: es, servicePort: http}
            """)
    void anOldIngressToAnOpenDatastoreIsDenied(String apiVersion, String spec) {
        HasMetadata datastore = object("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: es, namespace: old}
                spec: {template: {metadata: {labels: {app: es}}, spec: {containers: [{name: es, image: "elasticsearch:5", ports: [{name: http, containerPort: 9200}]}]}}}
                """);
        HasMetadata incoming = object("apiVersion: " + apiVersion + "\nkind: Ingress\nmetadata: {name: es, namespace: old}\nspec:\n  " + spec);

        AdmissionVerdict verdict = JUDGE.judge("CREATE", incoming, state(datastore, object(CLUSTER_IP)), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).startsWith("exposure-guard denied Ingress old/es").contains("[EG-EXP-001 critical]");
    }

    private static HasMetadata object(String yaml) {
        return JSON.unmarshal(yaml);
    }

    private static ClusterState state(HasMetadata... objects) {
        return new ClusterState(List.of(objects), List.of(), List.of(), Map.of());
    }
}
