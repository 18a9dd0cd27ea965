package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The MongoDB Community operator's MongoDBCommunity: one authenticated datastore per member, followed by pod name. */
class MongoDbCommunityTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    private static String mongo(String specExtra) {
        return """
                apiVersion: mongodbcommunity.mongodb.com/v1
                kind: MongoDBCommunity
                metadata: {name: users, namespace: accounts}
                spec:
                  type: ReplicaSet
                  version: "6.0.5"
                  security: {authentication: {modes: [SCRAM]}}
                """ + specExtra;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            three members on the default port | '  members: 3\n' | users-0 27017,users-1 27017,users-2 27017
            a port from additionalMongodConfig | '  members: 1\n  additionalMongodConfig: {net: {port: 27018}}\n' | users-0 27018
            """)
    void everyMemberIsAnAuthenticatedMongoDbSelectedByItsPodName(String name, String extra, String expected) {
        Inventory inventory = BUILDER.build(Manifests.objects(mongo(extra.replace("\\n", "\n"))));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.datastores()).extracting(d -> d.podLabels().get("statefulset.kubernetes.io/pod-name") + " " + d.ports().get(0).number())
                .containsExactlyElementsOf(Arrays.asList(expected.split(",")));
        assertThat(inventory.datastores()).allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.ON);
            assertThat(d.auth().facts()).singleElement().asString().contains("always enables authentication (modes SCRAM)");
            assertThat(d.podLabels()).containsEntry("app", "users-svc");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            members 1 and 2 each behind a NodePort: published but authenticated | 1 | EG-EXP-004 medium,EG-EXP-004 medium
            a NodePort selecting a member that does not exist opens nothing | 5 | ''
            """)
    void aPerMemberNodePortIsFollowedToItsMember(String name, int member, String expected) {
        String services = """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ext-a, namespace: accounts}
                spec: {type: NodePort, selector: {app: users-svc, statefulset.kubernetes.io/pod-name: users-%d}, ports: [{port: 31181, targetPort: 27017}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ext-b, namespace: accounts}
                spec: {type: NodePort, selector: {app: users-svc, statefulset.kubernetes.io/pod-name: users-%d}, ports: [{port: 31182, targetPort: 27017}]}
                """.formatted(member, member + 1);

        List<String> verdicts = Manifests.verdicts(mongo("  members: 3\n") + services);

        assertThat(verdicts).containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a version not read | v2 | '  members: 3\n' | apiVersion: mongodbcommunity.mongodb.com/v2 is not a version of MongoDBCommunity that exposure-guard reads (v1)
            members not a number | v1 | '  members: three\n' | spec.members: expected an integer, found a string
            members beyond any real replica set | v1 | '  members: 100000\n' | spec.members: expected 0 to 1000
            """)
    void badInputIsAnInputProblemNamingTheField(String name, String version, String extra, String message) {
        Inventory inventory = BUILDER.build(Manifests.objects(mongo(extra.replace("\\n", "\n")).replace("mongodb.com/v1", "mongodb.com/" + version)));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(message));
    }
}
