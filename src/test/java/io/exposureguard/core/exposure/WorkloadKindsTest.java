package io.exposureguard.core.exposure;

import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Datastore pods are found in every kind that runs pods, wherever that kind keeps its pod template. */
class WorkloadKindsTest {

    private static final String POD_SPEC = "{hostNetwork: true, containers: [{name: memcached, image: \"memcached:1.6\"}]}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Pod                   | v1       | spec: %s
            Deployment            | apps/v1  | spec: {template: {spec: %s}}
            StatefulSet           | apps/v1  | spec: {template: {spec: %s}}
            DaemonSet             | apps/v1  | spec: {template: {spec: %s}}
            ReplicaSet            | apps/v1  | spec: {template: {spec: %s}}
            ReplicationController | v1       | spec: {template: {spec: %s}}
            Job                   | batch/v1 | spec: {template: {spec: %s}}
            CronJob               | batch/v1 | spec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: %s}}}}
            """)
    void datastoreInEveryWorkloadKindIsFound(String kind, String apiVersion, String specTemplate) {
        String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: cache, namespace: web}\n"
                + specTemplate.formatted(POD_SPEC) + "\n";

        var paths = new PathAnalyzer().analyze(new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE).build(Manifests.objects(yaml)));

        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.datastore().ref().display()).isEqualTo(kind + " web/cache");
            assertThat(p.entry()).isEqualTo(EntryType.HOST_NETWORK);
            assertThat(p.port().number()).isEqualTo(11211);
        });
    }
}
