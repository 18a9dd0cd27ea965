package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory hands every custom resource to its kind module (ResourceKinds), refs carry the object's own
 * apiVersion, and a module that needs another object's reading (Kibana its Elasticsearch) gets it whatever the
 * order of the input.
 */
class CustomResourceDispatchTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    private static final String OPEN_ES = """
            apiVersion: elasticsearch.k8s.elastic.co/v1
            kind: Elasticsearch
            metadata: {name: logs, namespace: shop}
            spec:
              nodeSets:
                - name: default
                  config: {xpack.security.enabled: false}
            """;
    private static final String KIBANA = """
            apiVersion: kibana.k8s.elastic.co/v1
            kind: Kibana
            metadata: {name: kb, namespace: shop}
            spec:
              elasticsearchRef: {name: logs}
            """;

    @ParameterizedTest(name = "Kibana first: {0}")
    @ValueSource(booleans = {true, false})
    void kibanaReadsTheAuthOfItsElasticsearchWhereverItStandsInTheInput(boolean kibanaFirst) {
        List<String> docs = kibanaFirst ? List.of(KIBANA, OPEN_ES) : List.of(OPEN_ES, KIBANA);

        Inventory inventory = BUILDER.build(Manifests.objects(String.join("---\n", docs)));

        Datastore kibana = inventory.datastores().stream().filter(d -> d.ref().kind().equals("Kibana")).findFirst().orElseThrow();
        assertThat(kibana.auth().state()).isEqualTo(AuthState.OFF);
        assertThat(inventory.problems()).isEmpty();
    }

    @Test
    void anUnreadableElasticsearchIsAnInputProblemOnceAndKibanaIsStillRead() {
        String broken = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: logs, namespace: shop}
                spec:
                  nodeSets: {not: a list}
                """;

        Inventory inventory = BUILDER.build(Manifests.objects(KIBANA + "---\n" + broken));

        assertThat(inventory.problems()).hasSize(1);
        assertThat(inventory.problems().get(0).object().kind()).isEqualTo("Elasticsearch");
        assertThat(inventory.datastores()).extracting(d -> d.ref().kind()).containsExactly("Kibana");
        assertThat(inventory.datastores().get(0).auth().state()).isEqualTo(AuthState.ON);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opensearch.opster.io/v1", "opensearch.org/v1"})
    void anOpenSearchClusterKeepsTheGroupItWasReadAs(String apiVersion) {
        Inventory inventory = BUILDER.build(Manifests.objects("""
                apiVersion: %s
                kind: OpenSearchCluster
                metadata: {name: os, namespace: shop}
                spec:
                  general: {version: 2.11.0}
                  nodePools: [{component: nodes, replicas: 3}]
                """.formatted(apiVersion)));

        assertThat(inventory.datastores()).extracting(d -> d.ref().apiVersion()).containsOnly(apiVersion);
        assertThat(inventory.services()).extracting(s -> s.owner().apiVersion()).containsOnly(apiVersion);
    }

    @Test
    void aCustomResourceNoModuleReadsIsSkippedAndAnUnknownGroupIsNotTakenForAKnownKind() {
        Inventory inventory = BUILDER.build(Manifests.objects("""
                apiVersion: example.com/v1
                kind: Elasticsearch
                metadata: {name: logs, namespace: shop}
                spec: {nodeSets: [{name: default, config: {xpack.security.enabled: false}}]}
                """));

        assertThat(inventory.datastores()).isEmpty();
        assertThat(inventory.skipped()).containsExactly(ObjectRef.of("example.com/v1", "Elasticsearch", "shop", "logs"));
    }

    @Test
    void withoutModulesNoCustomResourceIsRead() {
        Inventory inventory = new InventoryBuilder(new DatastoreCatalog(), new ArrayList<CustomResourceReader>(), java.util.List.of())
                .build(Manifests.objects(OPEN_ES));

        assertThat(inventory.datastores()).isEmpty();
        assertThat(inventory.skipped()).extracting(ObjectRef::kind).containsExactly("Elasticsearch");
    }
}
