package io.exposureguard.app.admission;

import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.inventory.WatchedKind;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tag values come from fixed sets: what a review claims is kept only when it is a kind or operation we know. */
class AdmissionTagsTest {

    private static AdmissionRequest request(String kind, String operation) {
        AdmissionRequest request = new AdmissionRequest();
        if (!"<none>".equals(kind)) {
            GroupVersionKind gvk = new GroupVersionKind();
            gvk.setKind(kind);
            request.setKind(gvk);
        }
        request.setOperation("<none>".equals(operation) ? null : operation);
        return request;
    }

    @ParameterizedTest(name = "kind {0}, operation {1} -> {2}, {3}")
    @CsvSource({
            "Service,        CREATE,  Service,       CREATE",
            "Elasticsearch,  UPDATE,  Elasticsearch, UPDATE",
            "Deployment,     DELETE,  Deployment,    DELETE",
            "Kind12345,      CREATE,  other,         CREATE",
            "service,        create,  other,         other",
            "<none>,         <none>,  other,         other",
            "Service,        PATCH,   Service,       other",
    })
    void aTagIsTheClaimedValueOnlyWhenItIsInTheFixedSet(String kind, String operation, String kindTag, String operationTag) {
        AdmissionRequest request = request(kind, operation);

        assertThat(AdmissionTags.kind(request)).isEqualTo(kindTag);
        assertThat(AdmissionTags.operation(request)).isEqualTo(operationTag);
    }

    /** A kind added to the registry is a tag value without a second list to keep in step. */
    @Test
    void everyCustomResourceKindOfTheRegistryIsAKindTag() {
        for (WatchedKind k : ResourceKinds.watched()) {
            AdmissionRequest request = new AdmissionRequestBuilder()
                    .withKind(new GroupVersionKind(k.group(), k.kind(), k.versions().get(0))).withOperation("CREATE").build();
            assertThat(AdmissionTags.kind(request)).as(k.group() + "/" + k.kind()).isEqualTo(k.kind());
        }
    }
}
