package io.exposureguard.core.exposure;

import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Service selector may name labels that a workload's controller adds to its pods and the pod template does not
 * carry: a StatefulSet's pod name and index (per-pod Services, as Bitnami's externalAccess makes), the revision and
 * template hashes. Such a selector matches the pods that controller really makes, and nothing else.
 */
class ControllerLabelsTest {

    /** {@code spec} holds the workload's own spec fields, "; " between them. */
    private static String workload(String kind, String spec) {
        return """
                apiVersion: apps/v1
                kind: %s
                metadata: {name: db, namespace: shop}
                spec:
                  %s
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers: [{name: redis, image: "redis:7", ports: [{name: redis, containerPort: 6379}]}]
                ---
                """.formatted(kind, spec.replace("; ", "\n  "));
    }

    private static String loadBalancer(String selector) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: db-external, namespace: shop}
                spec:
                  type: LoadBalancer
                  selector: {%s}
                  ports: [{port: 6379, targetPort: redis}]
                """.formatted(selector);
    }

    @ParameterizedTest(name = "{0} {1}, selector {2}: exposed {3}")
    @CsvSource(delimiter = '|', textBlock = """
            StatefulSet | replicas: 2                        | app: db, statefulset.kubernetes.io/pod-name: db-0   | true
            StatefulSet | replicas: 2                        | app: db, statefulset.kubernetes.io/pod-name: db-1   | true
            StatefulSet | replicas: 2                        | app: db, statefulset.kubernetes.io/pod-name: db-2   | false
            StatefulSet | replicas: 0                        | statefulset.kubernetes.io/pod-name: db-0            | false
            StatefulSet | serviceName: db                    | statefulset.kubernetes.io/pod-name: db-7            | true
            StatefulSet | replicas: 2                        | statefulset.kubernetes.io/pod-name: other-0         | false
            StatefulSet | replicas: 2                        | statefulset.kubernetes.io/pod-name: db-01           | false
            StatefulSet | replicas: 2                        | statefulset.kubernetes.io/pod-name: db-             | false
            StatefulSet | replicas: 2                        | statefulset.kubernetes.io/pod-name: db-0            | true
            StatefulSet | replicas: 2                        | app: db, apps.kubernetes.io/pod-index: "1"          | true
            StatefulSet | replicas: 2                        | app: db, apps.kubernetes.io/pod-index: "2"          | false
            StatefulSet | replicas: 2; ordinals: {start: 3}  | statefulset.kubernetes.io/pod-name: db-4            | true
            StatefulSet | replicas: 2; ordinals: {start: 3}  | statefulset.kubernetes.io/pod-name: db-0            | false
            StatefulSet | replicas: 2                        | app: db, controller-revision-hash: db-6596ffb49b    | true
            StatefulSet | replicas: 2                        | app: db, pod-template-hash: 6596ffb49b              | false
            StatefulSet | replicas: 2                        | app: db, statefulset.kubernetes.io/pod-name: db-0, app.kubernetes.io/name: other | false
            Deployment  | replicas: 2                        | app: db, pod-template-hash: 6596ffb49b              | true
            Deployment  | replicas: 2                        | app: db, statefulset.kubernetes.io/pod-name: db-0   | false
            Deployment  | replicas: 2                        | app: db, controller-revision-hash: 6596ffb49b       | false
            DaemonSet   | minReadySeconds: 0                 | app: db, controller-revision-hash: 6596ffb49b       | true
            DaemonSet   | minReadySeconds: 0                 | app: db, pod-template-generation: "3"               | true
            """)
    void aSelectorNamingControllerLabelsMatchesThePodsThatControllerMakes(String kind, String spec, String selector, boolean exposed) {
        String yaml = workload(kind, spec) + loadBalancer(selector);

        assertThat(Manifests.verdicts(yaml).contains("EG-EXP-001 critical")).as(yaml).isEqualTo(exposed);
    }

    @ParameterizedTest(name = "Pod labels {0}, selector {1}: exposed {2}")
    @CsvSource(delimiter = '|', textBlock = """
            app: db                                         | statefulset.kubernetes.io/pod-name: db-0 | false
            'app: db, statefulset.kubernetes.io/pod-name: db-0' | statefulset.kubernetes.io/pod-name: db-0 | true
            app: db                                         | app: db, pod-template-hash: abc         | false
            """)
    void aBarePodMatchesOnlyTheLabelsItIsWrittenWith(String labels, String selector, boolean exposed) {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: db-0, namespace: shop, labels: {%s}}
                spec:
                  containers: [{name: redis, image: "redis:7", ports: [{name: redis, containerPort: 6379}]}]
                ---
                """.formatted(labels);

        assertThat(Manifests.verdicts(pod + loadBalancer(selector)).contains("EG-EXP-001 critical")).isEqualTo(exposed);
    }
}
