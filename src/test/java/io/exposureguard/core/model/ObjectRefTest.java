package io.exposureguard.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An ObjectRef is group, kind, namespace and name; the version it was read as is carried but is not identity. */
class ObjectRefTest {

    @ParameterizedTest(name = "{0} {1} -> group [{2}] version [{3}] apiVersion [{4}]")
    @CsvSource(nullValues = "null", value = {
            "v1, Service, '', v1, v1",
            "apps/v1, Deployment, apps, v1, apps/v1",
            "opensearch.org/v1, OpenSearchCluster, opensearch.org, v1, opensearch.org/v1",
            "opensearch.opster.io/v1, OpenSearchCluster, opensearch.opster.io, v1, opensearch.opster.io/v1",
            "null, Deployment, apps, v1, apps/v1",
            "'', ConfigMap, '', v1, v1",
            "null, ExposurePolicy, exposureguard.io, v1alpha1, exposureguard.io/v1alpha1",
            "null, OpenSearchCluster, null, null, null"})
    void groupAndVersionComeFromTheObjectsApiVersionOrForBuiltInKindsFromTheKind(String apiVersion, String kind, String group,
                                                                                  String version, String expectedApiVersion) {
        ObjectRef ref = ObjectRef.of(apiVersion, kind, "shop", "x");

        assertThat(ref.group()).isEqualTo(group);
        assertThat(ref.version()).isEqualTo(version);
        assertThat(ref.apiVersion()).isEqualTo(expectedApiVersion);
        assertThat(ref.display()).isEqualTo(kind + " shop/x");
    }

    @ParameterizedTest(name = "{0} vs {1}: same object {2}")
    @CsvSource({
            "elasticsearch.k8s.elastic.co/v1, elasticsearch.k8s.elastic.co/v1beta1, true",
            "opensearch.opster.io/v1, opensearch.org/v1, false",
            "apps/v1, apps/v1, true",
            "v1, '', true"})
    void oneObjectServedUnderTwoVersionsIsOneObjectButTheSameKindInAnotherGroupIsNot(String a, String b, boolean same) {
        String kind = a.startsWith("opensearch") ? "OpenSearchCluster" : a.startsWith("elasticsearch") ? "Elasticsearch"
                : a.startsWith("apps") ? "Deployment" : "Service";
        ObjectRef x = ObjectRef.of(a, kind, "shop", "x");
        ObjectRef y = ObjectRef.of(b, kind, "shop", "x");

        assertThat(x.equals(y)).isEqualTo(same);
        if (same) {
            assertThat(x.hashCode()).isEqualTo(y.hashCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Service, ''", "Ingress, networking.k8s.io", "NetworkPolicy, networking.k8s.io", "CronJob, batch",
            "ExposureException, exposureguard.io"})
    void aBuiltInKindNamedWithoutApiVersionIsTheSameObjectAsOneReadWithIt(String kind, String group) {
        ObjectRef named = ObjectRef.of(kind, "shop", "x");
        ObjectRef read = ObjectRef.of(group.isEmpty() ? "v1" : group + "/v1", kind, "shop", "x");

        assertThat(named).isEqualTo(read);
        assertThat(named.inNamespace("default")).isEqualTo(ObjectRef.of(kind, "default", "x"));
    }
}
