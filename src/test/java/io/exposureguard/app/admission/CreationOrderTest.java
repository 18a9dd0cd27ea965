package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the order in which the objects of an exposure path are created, each one is admitted until the one
 * that completes the path, and that one is denied, whichever object the finding is reported on: the
 * datastore, the ClusterIP Service that joins an Ingress to it, the Ingress, or a Service turned into a
 * LoadBalancer. Every permutation is played against the judge, each admitted object joining the cluster.
 */
class CreationOrderTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final AdmissionJudge JUDGE = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final String ES_STATEFULSET = AdmissionFixtures.openElasticsearch("StatefulSet", "order");
    private static final String ES_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: es-0, namespace: order, labels: {app: es}}
            spec:
              containers:
                - name: elasticsearch
                  image: docker.elastic.co/elasticsearch/elasticsearch:7.17.22
                  ports: [{name: http, containerPort: 9200}]
            """;
    private static final String CLUSTER_IP = """
            apiVersion: v1
            kind: Service
            metadata: {name: es, namespace: order}
            spec: {selector: {app: es}, ports: [{name: http, port: 80, targetPort: http}]}
            """;
    private static final String LOAD_BALANCER = CLUSTER_IP.replace("spec: {", "spec: {type: LoadBalancer, ");
    private static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: es, namespace: order}
            spec:
              rules:
                - host: es.example.com
                  http:
                    paths: [{path: /, pathType: Prefix, backend: {service: {name: es, port: {name: http}}}}]
            """;

    static Stream<Arguments> permutations() {
        List<Arguments> out = new ArrayList<>();
        Map<String, List<String>> paths = Map.of(
                "StatefulSet, ClusterIP Service, Ingress", List.of(ES_STATEFULSET, CLUSTER_IP, INGRESS),
                "Pod, ClusterIP Service, Ingress", List.of(ES_POD, CLUSTER_IP, INGRESS),
                "StatefulSet, LoadBalancer Service", List.of(ES_STATEFULSET, LOAD_BALANCER),
                "Pod, LoadBalancer Service", List.of(ES_POD, LOAD_BALANCER));
        paths.forEach((name, objects) -> permute(objects, List.of(), order -> out.add(Arguments.of(name, label(order), order))));
        return out.stream();
    }

    private static void permute(List<String> left, List<String> chosen, java.util.function.Consumer<List<String>> each) {
        if (left.isEmpty()) {
            each.accept(chosen);
            return;
        }
        for (String next : left) {
            List<String> rest = new ArrayList<>(left);
            rest.remove(next);
            List<String> order = new ArrayList<>(chosen);
            order.add(next);
            permute(rest, order, each);
        }
    }

    private static String label(List<String> order) {
        return String.join(" then ", order.stream().map(y -> object(y).getKind()).toList());
    }

    private static HasMetadata object(String yaml) {
        return JSON.unmarshal(yaml);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("permutations")
    void everyObjectIsAdmittedUntilTheOneThatCompletesThePathWhichIsDenied(String path, String label, List<String> order) {
        List<HasMetadata> cluster = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            HasMetadata incoming = object(order.get(i));

            AdmissionVerdict verdict = JUDGE.judge("CREATE", incoming, state(cluster), "exposure-guard", NOW);

            if (i < order.size() - 1) {
                assertThat(verdict.allowed()).as("%s is created before the path is complete", incoming.getKind()).isTrue();
                cluster.add(incoming);
            } else {
                assertThat(verdict.allowed()).as("%s completes the path", incoming.getKind()).isFalse();
                assertThat(verdict.message()).startsWith("exposure-guard denied " + incoming.getKind() + " order/")
                        .contains("[EG-EXP-001 critical]", "Elasticsearch");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datastores")
    void turningTheClusterIpServiceOfAnExistingIngressPathIntoALoadBalancerIsDenied(String datastore) {
        List<HasMetadata> cluster = new ArrayList<>(List.of(object(datastore), object(CLUSTER_IP)));
        Service old = (Service) object(CLUSTER_IP);

        AdmissionVerdict verdict = JUDGE.judge("UPDATE", object(LOAD_BALANCER), old, state(cluster), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).startsWith("exposure-guard denied Service order/es: [EG-EXP-001 critical]");
    }

    static Stream<String> datastores() {
        return Stream.of(ES_STATEFULSET, ES_POD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datastores")
    void aServiceJoiningAPathThatWasAlreadyOpenIsWarnedNotDenied(String datastore) {
        // The Ingress already reaches the datastore through another Service (it predates the policy, say):
        // a second Service to the same pods adds no exposure of its own to the Ingress finding.
        String other = CLUSTER_IP.replace("name: es, namespace", "name: es-old, namespace");
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: es, namespace: order}
                spec:
                  rules:
                    - host: es.example.com
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: es-old, port: {name: http}}}}
                          - {path: /new, pathType: Prefix, backend: {service: {name: es, port: {name: http}}}}
                """;
        List<HasMetadata> cluster = new ArrayList<>(List.of(object(datastore), object(other), object(ingress)));

        AdmissionVerdict verdict = JUDGE.judge("CREATE", object(CLUSTER_IP), state(cluster), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString()
                .startsWith(AdmissionJudge.PRE_EXISTING + "exposure-guard EG-EXP-001 critical (deny)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datastores")
    void anObjectThatOnlySharesTheNamespaceOfAnOpenPathIsNotConcerned(String datastore) {
        List<HasMetadata> cluster = new ArrayList<>(List.of(object(datastore), object(CLUSTER_IP), object(INGRESS)));
        String unrelated = """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: order}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                """;

        AdmissionVerdict verdict = JUDGE.judge("CREATE", object(unrelated), state(cluster), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    private static ClusterState state(List<HasMetadata> objects) {
        return new ClusterState(List.copyOf(objects), List.of(), List.of(), Map.of());
    }

    static {
        assertThat(Manifests.verdicts(ES_STATEFULSET + "---\n" + CLUSTER_IP + "---\n" + INGRESS)).contains("EG-EXP-001 critical");
    }
}
