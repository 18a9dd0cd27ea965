package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8ssandra-operator's K8ssandraCluster, read through the inventory: spec.auth (true by default) unless a
 * cassandraYaml authenticator of the datacenter or the cluster says otherwise, a datastore per datacenter on
 * cass-operator's labels, networking merged datacenter over cluster, the CassandraDatacenter it makes read here and
 * not twice, the fix, and bad input as a named problem. Fixtures follow the operator's config/samples.
 */
class K8ssandraClusterTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("auth left out: true by default, PasswordAuthenticator", kc("", "", ""),
                        List.of("ON spec.auth is left out (true by default), so k8ssandra-operator sets PasswordAuthenticator")),
                new KindCase("auth: false: AllowAllAuthenticator, off", kc("auth: false", "", ""),
                        List.of("OFF spec.auth is false, so k8ssandra-operator sets AllowAllAuthenticator")),
                new KindCase("auth true but the cluster's cassandraYaml names AllowAllAuthenticator: off",
                        kc("auth: true", "config: {cassandraYaml: {authenticator: AllowAllAuthenticator}}", ""),
                        List.of("OFF spec.cassandra.config.cassandraYaml.authenticator is AllowAllAuthenticator")),
                new KindCase("the datacenter's authenticator over the cluster's",
                        kc("auth: false", "config: {cassandraYaml: {authenticator: AllowAllAuthenticator}}",
                                "config: {cassandraYaml: {authenticator: PasswordAuthenticator}}"),
                        List.of("ON spec.cassandra.datacenters[0].config.cassandraYaml.authenticator is PasswordAuthenticator")),
                new KindCase("DSE: DseAuthenticator", kc("", "serverType: dse", ""),
                        List.of("ON sets DseAuthenticator with authentication_options enabled")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authIsOnByDefaultUnlessSpecAuthOrAnAuthenticatorTurnsItOff(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).singleElement().satisfies(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> datacentersAndServices() {
        String labels = "cassandra.datastax.com/cluster=demo,cassandra.datastax.com/datacenter=dc1";
        return Stream.of(
                new KindCase("a datacenter on cass-operator's labels, the cluster named after the resource", kc("", "", ""),
                        List.of("datacenter " + labels + " [9042] pod network")),
                new KindCase("clusterName overrides the resource's name", kc("", "clusterName: \"Prod Cluster\"", ""),
                        List.of("datacenter " + labels.replace("demo", "ProdCluster") + " [9042] pod network")),
                new KindCase("the cluster's nodePort: the datacenter's node-port Service",
                        kc("", "networking: {nodePort: {native: 30042}}", "metadata: {name: dc1, services: {nodePortService: {annotations: {a: b}}}}"),
                        List.of("datacenter " + labels + " [30042] pod network",
                                "service demo-dc1-node-port-service NodePort {a=b} [7000, 30042] at spec.cassandra.networking")),
                new KindCase("the datacenter's networking over the cluster's",
                        kc("", "networking: {nodePort: {native: 30042}, hostNetwork: true}", "networking: {nodePort: {native: 31042}, hostNetwork: false}"),
                        List.of("datacenter " + labels + " [31042] pod network",
                                "service demo-dc1-node-port-service NodePort {} [7000, 31042] at spec.cassandra.datacenters[0].networking")),
                new KindCase("the cluster's hostNetwork", kc("", "networking: {hostNetwork: true}", ""),
                        List.of("datacenter " + labels + " [9042] node network")),
                new KindCase("a datacenter in another namespace is not modelled", kc("", "", "metadata: {name: dc1, namespace: elsewhere}"),
                        List.of()),
                new KindCase("the CassandraDatacenter it made is read here only", kc("auth: false", "", "") + """
                        ---
                        apiVersion: cassandra.datastax.com/v1beta1
                        kind: CassandraDatacenter
                        metadata:
                          name: dc1
                          namespace: k8ssandra-operator
                          labels: {app.kubernetes.io/managed-by: k8ssandra-operator, k8ssandra.io/cluster-name: demo, k8ssandra.io/cluster-namespace: k8ssandra-operator}
                        spec: {clusterName: demo, serverType: cassandra, serverVersion: "4.0.1", size: 3}
                        """, List.of("datacenter " + labels + " [9042] pod network")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datacentersAndServices")
    void eachDatacenterCarriesCassOperatorsLabelsAndTheMergedNetworking(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",") + " " + d.ports().stream().map(p -> p.number()).toList()
                + (d.hostNetwork() ? " node network" : " pod network")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.annotations())
                + " " + s.ports().stream().map(p -> p.nodePort()).toList() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("node ports with auth: false: critical", kc("auth: false", "networking: {nodePort: {native: 30042}}", ""),
                        List.of("EG-EXP-001 critical")),
                new KindCase("node ports with auth on by default: published but authenticated", kc("", "networking: {nodePort: {native: 30042}}", ""),
                        List.of("EG-EXP-004 medium")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsAuthAndTheNodePorts(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("auth: false becomes true", kc("auth: false", "", ""), List.of("true", "null", "null")),
                new KindCase("AllowAllAuthenticator named by the cluster and the datacenter becomes PasswordAuthenticator",
                        kc("", "config: {cassandraYaml: {authenticator: AllowAllAuthenticator}}",
                                "config: {cassandraYaml: {authenticator: org.apache.cassandra.auth.AllowAllAuthenticator}}"),
                        List.of("null", "\"PasswordAuthenticator\"", "\"PasswordAuthenticator\"")),
                new KindCase("nothing to fix", kc("auth: true", "", ""), List.of("true", "null", "null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixTurnsAuthBackOn(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new K8ssandraCluster().enableAuthentication(object);

        assertThat(changed).isEqualTo(!object.equals(before));
        var spec = object.path("spec");
        assertThat(List.of(String.valueOf(spec.get("auth")),
                String.valueOf(spec.path("cassandra").path("config").path("cassandraYaml").get("authenticator")),
                String.valueOf(spec.path("cassandra").path("datacenters").path(0).path("config").path("cassandraYaml").get("authenticator"))))
                .isEqualTo(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", kc("", "", "").replace("k8ssandra.io/v1alpha1", "k8ssandra.io/v1"),
                        List.of("apiVersion: k8ssandra.io/v1 is not a version of K8ssandraCluster that exposure-guard reads (v1alpha1)")),
                new KindCase("auth not a boolean", kc("auth: maybe", "", ""), List.of("spec.auth: expected true or false, found a string")),
                new KindCase("datacenters not a list", kc("", "", "").replace("datacenters:\n    - ", "datacenters:\n      "),
                        List.of("spec.cassandra.datacenters: expected a list, found an object")),
                new KindCase("a datacenter without a name", kc("", "", "metadata: {labels: {a: b}}"),
                        List.of("spec.cassandra.datacenters[0].metadata.name: missing")),
                new KindCase("an absurd size", kc("", "", "").replace("size: 3", "size: 5000"),
                        List.of("spec.cassandra.datacenters[0].size: expected 0 to 1000")),
                new KindCase("a node port out of range", kc("", "networking: {nodePort: {native: -1}}", ""),
                        List.of("spec.cassandra.networking.nodePort.native: expected a port number (1 to 65535)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /**
     * @param specExtra lines of spec; cassandraExtra lines of spec.cassandra; dcExtra lines of the datacenter (a
     *                  {@code metadata:} line replaces its name)
     */
    private static String kc(String specExtra, String cassandraExtra, String dcExtra) {
        String dc = dcExtra.startsWith("metadata:") ? dcExtra : "metadata: {name: dc1}" + (dcExtra.isEmpty() ? "" : "\n" + dcExtra);
        return "apiVersion: k8ssandra.io/v1alpha1\nkind: K8ssandraCluster\nmetadata: {name: demo, namespace: k8ssandra-operator}\nspec:\n"
                + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n")
                + "  cassandra:\n    serverVersion: \"4.0.1\"\n"
                + (cassandraExtra.isEmpty() ? "" : "    " + cassandraExtra.replace("\n", "\n    ") + "\n")
                + "    datacenters:\n    - " + dc.replace("\n", "\n      ") + "\n      size: 3\n";
    }
}
