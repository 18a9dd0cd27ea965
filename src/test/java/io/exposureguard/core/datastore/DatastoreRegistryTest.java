package io.exposureguard.core.datastore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry of workload datastores: every module says who it is, and no image name belongs to two of them. */
class DatastoreRegistryTest {

    @ParameterizedTest
    @EnumSource(DatastoreKind.class)
    void everyModuleHasANameImagesAndPorts(DatastoreKind kind) {
        assertThat(kind.displayName()).isNotBlank();
        // nginx and Envoy are recognised as proxies only by a forwarding configuration (a stream block, a static config):
        // an nginx or Envoy image alone is a web server or a mesh sidecar, so these two claim no image name.
        if (!List.of(DatastoreKind.NGINX_STREAM, DatastoreKind.ENVOY).contains(kind)) {
            assertThat(kind.imageNames()).isNotEmpty();
        }
        assertThat(kind.imageNames()).allSatisfy(n -> assertThat(n).isLowerCase().doesNotContain("/", ":"));
        // A proxy listens where its config says: it has no default port, only datastores do.
        if (!List.of(DatastoreKind.HAPROXY, DatastoreKind.NGINX_STREAM, DatastoreKind.ENVOY, DatastoreKind.SOCAT).contains(kind)) {
            assertThat(kind.defaultPorts()).isNotEmpty();
        }
        assertThat(kind.defaultPorts()).allSatisfy(p -> assertThat(p).isBetween(1, 65535));
    }

    @Test
    void noImageNameIsClaimedByTwoDatastores() {
        Map<String, List<DatastoreKind>> claims = Arrays.stream(DatastoreKind.values())
                .flatMap(k -> k.imageNames().stream().map(n -> Map.entry(n, k)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));

        assertThat(claims).allSatisfy((name, kinds) -> assertThat(kinds).as(name).hasSize(1));
    }

    @Test
    void displayNamesAreDistinct() {
        assertThat(Arrays.stream(DatastoreKind.values()).map(DatastoreKind::displayName)).doesNotHaveDuplicates();
    }
}
