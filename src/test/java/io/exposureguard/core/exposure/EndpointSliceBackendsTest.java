package io.exposureguard.core.exposure;

import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Service without a selector sends to the endpoints its EndpointSlices list. An endpoint's targetRef names the pod:
 * a bare Pod, a StatefulSet's pod by its ordinal name, or (in a cluster snapshot, where Pods are present) whatever
 * workload its owner references lead to. The Service port reaches the slice port of the same name.
 */
class EndpointSliceBackendsTest {

    private static final String CONTAINERS = "containers: [{name: redis, image: \"redis:7\", ports: [{name: redis, containerPort: 6379}]}]";

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app: db}}
              template: {metadata: {labels: {app: db}}, spec: {%s}}
            ---
            """.formatted(CONTAINERS);
    private static final String BARE_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: cache, namespace: shop}
            spec: {%s}
            ---
            """.formatted(CONTAINERS);
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {%s}}
            ---
            """.formatted(CONTAINERS);
    /** What a cluster snapshot adds: the Deployment's ReplicaSet and one of its pods, owned in a chain. */
    private static final String DEPLOYMENT_IN_CLUSTER = DEPLOYMENT + """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-5d8f, namespace: shop, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1}]}
            spec:
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {%s}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-5d8f-x2k9q, namespace: shop, labels: {app: web}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: u2}]}
            spec: {%s}
            ---
            """.formatted(CONTAINERS, CONTAINERS);

    private static String service(String spec) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: db-external, namespace: shop}
                spec: {type: LoadBalancer, %s}
                ---
                """.formatted(spec);
    }

    private static String slice(String service, String target, String ports) {
        return """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: %s-1, namespace: shop, labels: {kubernetes.io/service-name: %s}}
                addressType: IPv4
                ports: %s
                endpoints: [{addresses: [10.0.0.7], targetRef: %s}]
                """.formatted(service, service, ports, target);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a StatefulSet's pod by ordinal name         | STATEFUL_SET          | {kind: Pod, name: db-2}                   | true
            a StatefulSet ordinal beyond its replicas    | STATEFUL_SET          | {kind: Pod, name: db-3}                   | false
            a bare Pod by name                           | BARE_POD              | {kind: Pod, name: cache}                  | true
            a bare Pod of another name                   | BARE_POD              | {kind: Pod, name: cache-2}                | false
            a Deployment's pod, from manifests alone     | DEPLOYMENT            | {kind: Pod, name: web-5d8f-x2k9q}         | false
            a Deployment's pod in a cluster snapshot     | DEPLOYMENT_IN_CLUSTER | {kind: Pod, name: web-5d8f-x2k9q}         | true
            a pod of another namespace                   | BARE_POD              | {kind: Pod, name: cache, namespace: other} | false
            a target that is not a Pod                   | BARE_POD              | {kind: Node, name: cache}                 | false
            """)
    void aSelectorLessServiceReachesTheDatastoreWhosePodItsEndpointSliceNames(String what, String workload, String target, boolean exposed) {
        String yaml = fixture(workload) + service("ports: [{name: redis, port: 6379}]")
                + slice("db-external", target, "[{name: redis, port: 6379}]");

        assertThat(Manifests.verdicts(yaml).contains("EG-EXP-001 critical")).as(what).isEqualTo(exposed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the slice port of the Service port's name is the datastore's | ports: [{name: redis, port: 80, targetPort: 9999}] | [{name: redis, port: 6379}]            | true
            an unnamed Service port reaches the unnamed slice port        | ports: [{port: 80}]                              | [{port: 6379}]                         | true
            the slice port of that name is a metrics port                 | ports: [{name: redis, port: 6379}]                | '[{name: redis, port: 9121}, {name: other, port: 6379}]' | false
            a Service with a selector follows its selector, not slices    | 'selector: {app: nothing}, ports: [{name: redis, port: 6379}]' | [{name: redis, port: 6379}] | false
            """)
    void eachServicePortSendsToTheSlicePortOfTheSameName(String what, String serviceSpec, String slicePorts, boolean exposed) {
        String yaml = STATEFUL_SET + service(serviceSpec) + slice("db-external", "{kind: Pod, name: db-0}", slicePorts);

        assertThat(Manifests.verdicts(yaml).contains("EG-EXP-001 critical")).as(what).isEqualTo(exposed);
    }

    @ParameterizedTest(name = "slice for Service {0}")
    @CsvSource({"other", "db"})
    void aSliceOfAnotherServiceSendsNothing(String service) {
        String yaml = STATEFUL_SET + service("ports: [{name: redis, port: 6379}]")
                + slice(service, "{kind: Pod, name: db-0}", "[{name: redis, port: 6379}]");

        assertThat(Manifests.verdicts(yaml)).doesNotContain("EG-EXP-001 critical");
    }

    private static String fixture(String name) {
        return switch (name) {
            case "STATEFUL_SET" -> STATEFUL_SET;
            case "BARE_POD" -> BARE_POD;
            case "DEPLOYMENT" -> DEPLOYMENT;
            default -> DEPLOYMENT_IN_CLUSTER;
        };
    }
}
