package io.exposureguard.kube;

import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An event's involvedObject names the object as it was read: its own apiVersion, never one guessed from the kind. */
class EventsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "opensearch.org/v1, OpenSearchCluster",
            "opensearch.opster.io/v1, OpenSearchCluster",
            "elasticsearch.k8s.elastic.co/v1beta1, Elasticsearch",
            "apps/v1, Deployment",
            "v1, Service"})
    void theInvolvedObjectCarriesTheRefsOwnApiVersion(String apiVersion, String kind) {
        ObjectRef ref = ObjectRef.of(apiVersion, kind, "shop", "x");

        Event event = Events.event(ref, "x.exposed-0", "Warning", "DatastoreExposed", "m", "EG-EXP-001", Instant.EPOCH);

        assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo(apiVersion);
        assertThat(event.getInvolvedObject().getKind()).isEqualTo(kind);
    }
}
