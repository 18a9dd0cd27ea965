package io.exposureguard.core.report;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.model.ObjectRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A PolicyReport result names its resource with the apiVersion the object was read as, never one guessed from the kind. */
class PolicyReportResourcesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"opensearch.org/v1, OpenSearchCluster", "opensearch.opster.io/v1, OpenSearchCluster", "apps/v1, StatefulSet"})
    void aResultsResourceCarriesTheObjectsOwnApiVersion(String apiVersion, String kind) {
        Datastore ds = new Datastore(ObjectRef.of(apiVersion, kind, "shop", "search"), DatastoreKind.OPENSEARCH, "search",
                Map.of(), List.of(), AuthVerdict.on("on"), Optional.empty(), false);

        Map<String, Map<String, Object>> reports = new PolicyReportBuilder().build(List.of(), List.of(ds), 0).namespaces();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) reports.get("shop").get("results");
        assertThat(results).singleElement().satisfies(r -> assertThat(r.get("resources"))
                .isEqualTo(List.of(Map.of("apiVersion", apiVersion, "kind", kind, "namespace", "shop", "name", "search"))));
    }
}
