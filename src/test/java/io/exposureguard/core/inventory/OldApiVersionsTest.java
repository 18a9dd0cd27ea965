package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workloads and Ingresses written in old apiVersions (manifests for old clusters, which also serve them) are read as
 * their current kind; the object keeps the apiVersion it was written with; a version that is not modelled is skipped
 * with that reason, and a malformed old field is an input problem naming it.
 */
class OldApiVersionsTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    private static final String REDIS_TEMPLATE = "{metadata: {labels: {app: cache}}, spec: {containers: [{name: redis, image: \"redis:7\","
            + " ports: [{containerPort: 6379}]}]}}";

    private static final String OPEN_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: cache, namespace: web}
            spec:
              type: LoadBalancer
              selector: {app: cache}
              ports: [{name: redis, port: 6379}]
            """;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            extensions/v1beta1 | Deployment
            apps/v1beta1       | Deployment
            apps/v1beta2       | Deployment
            apps/v1beta1       | StatefulSet
            apps/v1beta2       | StatefulSet
            extensions/v1beta1 | DaemonSet
            apps/v1beta2       | DaemonSet
            extensions/v1beta1 | ReplicaSet
            apps/v1beta2       | ReplicaSet
            """)
    void anOldWorkloadVersionIsReadAsItsCurrentKindAndKeepsItsApiVersion(String apiVersion, String kind) {
        String workload = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: cache, namespace: web}\n"
                + "spec: {template: " + REDIS_TEMPLATE + "}\n";

        Inventory inventory = BUILDER.build(Manifests.objects(workload + "---\n" + OPEN_SERVICE));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.skipped()).isEmpty();
        assertThat(inventory.datastores()).singleElement().satisfies(d -> {
            assertThat(d.ref().apiVersion()).isEqualTo(apiVersion);
            assertThat(d.ref().display()).isEqualTo(kind + " web/cache");
            assertThat(d.podLabels()).containsEntry("app", "cache");
        });
        assertThat(Manifests.verdicts(workload + "---\n" + OPEN_SERVICE)).contains("EG-EXP-001 critical");
    }

    private static final String ELASTICSEARCH = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: es, namespace: logs}
            spec:
              template:
                metadata: {labels: {app: es}}
                spec:
                  containers: [{name: es, image: "docker.elastic.co/elasticsearch/elasticsearch:7.17.3", ports: [{name: http, containerPort: 9200}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: es, namespace: logs}
            spec:
              selector: {app: es}
              ports: [{name: http, port: 9200}]
            ---
            """;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            networking.k8s.io/v1beta1 | rules: [{host: es.example.com, http: {paths: [{path: /, backend: {serviceName: es, servicePort: 9200}}]}}]
            extensions/v1beta1        | rules: [{host: es.example.com, http: {paths: [{path: /, backend: {serviceName: es, servicePort: 9200}}]}}]
            networking.k8s.io/v1beta1 | rules: [{http: {paths: [{backend: {serviceName: es, servicePort: http}}]}}]
            extensions/v1beta1        | rules: [{http: {paths: [{backend: {serviceName: es, servicePort: "9200"}}]}}]
            networking.k8s.io/v1beta1 | backend: {serviceName: es, servicePort: 9200}
            extensions/v1beta1        | backend: {serviceName: es, servicePort: http}
            """)
    void anOldIngressVersionRoutesToItsServiceByPortNumberOrName(String apiVersion, String spec) {
        String yaml = ELASTICSEARCH + "apiVersion: " + apiVersion + "\nkind: Ingress\nmetadata: {name: es, namespace: logs}\nspec:\n  "
                + spec + "\n";

        Inventory inventory = BUILDER.build(Manifests.objects(yaml));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.ingresses()).singleElement().satisfies(i -> {
            assertThat(i.ref().apiVersion()).isEqualTo(apiVersion);
            assertThat(i.backends()).singleElement().extracting(IngressView.Backend::serviceName).isEqualTo("es");
        });
        assertThat(Manifests.verdicts(yaml)).contains("EG-EXP-001 critical");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            serviceName: es, servicePort: {}     | servicePort
            serviceName: es, servicePort: [9200] | servicePort
            serviceName: es, servicePort: true   | servicePort
            serviceName: [es], servicePort: 9200 | serviceName
            """)
    void aMalformedOldIngressBackendIsOneClearErrorNamingTheField(String backend, String field) {
        String ingress = "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: es, namespace: logs}\n"
                + "spec: {rules: [{http: {paths: [{backend: {" + backend + "}}]}}]}\n";

        String said = oneError(ELASTICSEARCH + ingress);

        assertThat(said).contains("spec.rules[0].http.paths[0].backend." + field).doesNotContain("Exception").doesNotContain("io.fabric8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            servicePort: {}     | spec.rules[0].http.paths[0].backend.servicePort: expected a port number or a port name
            servicePort: [9200] | spec.rules[0].http.paths[0].backend.servicePort: expected a port number or a port name
            servicePort: ""     | spec.rules[0].http.paths[0].backend.servicePort: expected a port number or a port name
            serviceName: [es]   | spec.rules[0].http.paths[0].backend.serviceName: expected a Service name
            """)
    void anOldIngressServedUntypedWithAMalformedBackendIsAnInputProblemNamingTheField(String field, String message) {
        // An apiVersion the model classes do not type (as an operator's generic read gives it) reaches the converter as is.
        var tree = new java.util.LinkedHashMap<String, Object>();
        tree.put("spec", java.util.Map.of("rules", java.util.List.of(java.util.Map.of("http", java.util.Map.of("paths",
                java.util.List.of(java.util.Map.of("backend", backend(field))))))));
        var ingress = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        ingress.setApiVersion("extensions/v1beta1");
        ingress.setKind("Ingress");
        ingress.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("es").withNamespace("logs").build());
        tree.forEach(ingress::setAdditionalProperty);

        Inventory inventory = BUILDER.build(java.util.List.of(ingress));

        assertThat(inventory.problems()).singleElement().satisfies(p -> {
            assertThat(p.object()).isEqualTo(ObjectRef.of("extensions/v1beta1", "Ingress", "logs", "es"));
            assertThat(p.message()).isEqualTo(message);
        });
    }

    private static java.util.Map<String, Object> backend(String field) {
        var backend = new java.util.LinkedHashMap<String, Object>(java.util.Map.of("serviceName", "es", "servicePort", 9200));
        String[] kv = field.split(": ", 2);
        backend.put(kv[0], switch (kv[1]) {
            case "{}" -> java.util.Map.of();
            case "[9200]" -> java.util.List.of(9200);
            case "[es]" -> java.util.List.of("es");
            default -> "";
        });
        return backend;
    }

    /** The one error reading and building report for this input (the reader's or the inventory's). */
    private static String oneError(String yaml) {
        var loaded = new io.exposureguard.cli.manifest.ManifestReader().read("test.yaml", yaml);
        Inventory inventory = BUILDER.build(loaded.objects().stream().map(o -> o.object()).toList());
        var said = new java.util.ArrayList<String>();
        loaded.errors().forEach(e -> said.add(e.message()));
        inventory.problems().forEach(p -> said.add(p.message()));
        assertThat(said).as("one clear error").hasSize(1);
        return said.get(0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            apps/v1alpha9          | Deployment  | apiVersion not modelled (apps/v1, apps/v1beta2, apps/v1beta1, extensions/v1beta1)
            extensions/v1beta1     | StatefulSet | apiVersion not modelled (apps/v1, apps/v1beta2, apps/v1beta1)
            networking.k8s.io/v2   | Ingress     | apiVersion not modelled (networking.k8s.io/v1, networking.k8s.io/v1beta1, extensions/v1beta1)
            v2                     | Service     | apiVersion not modelled (v1)
            v1                     | ServiceAccount | kind not modelled
            """)
    void anObjectThatIsNotReadIsSkippedWithTheReason(String apiVersion, String kind, String reason) {
        String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: x, namespace: web}\n"
                + "spec: {template: " + REDIS_TEMPLATE + "}\n";

        Inventory inventory = BUILDER.build(Manifests.objects(yaml));

        assertThat(inventory.datastores()).isEmpty();
        assertThat(inventory.skippedWithReasons()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(reason);
            assertThat(s.display()).isEqualTo(apiVersion + " " + kind + " web/x: " + reason);
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            apps/v1beta1       | replicas: many | spec.replicas
            extensions/v1beta1 | template: [x]  | spec.template
            """)
    void anOldWorkloadWithAFieldOfTheWrongShapeIsOneClearErrorNamingTheField(String apiVersion, String field, String path) {
        String yaml = "apiVersion: " + apiVersion + "\nkind: Deployment\nmetadata: {name: cache, namespace: web}\nspec: {" + field + "}\n";

        assertThat(oneError(yaml)).contains(path).doesNotContain("Exception").doesNotContain("many").doesNotContain("io.fabric8");
    }
}
