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
 * cass-operator's CassandraDatacenter, read through the inventory: Cassandra's default AllowAllAuthenticator unless
 * spec.config's cassandra-yaml names another (DSE: authentication_options), the datacenter on cass-operator's labels,
 * the node-port Service of networking.nodePort, hostNetwork, the fix in spec.config, and bad input as a named problem.
 * Fixtures follow the operator's config/samples.
 */
class CassandraDatacenterTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("no authenticator: Cassandra's default AllowAllAuthenticator, off", dc(""),
                        List.of("OFF spec.config.cassandra-yaml.authenticator is not set, so Cassandra keeps its default AllowAllAuthenticator")),
                new KindCase("PasswordAuthenticator, as the operator's samples set it: on",
                        dc("config: {cassandra-yaml: {authenticator: PasswordAuthenticator, authorizer: CassandraAuthorizer}}"),
                        List.of("ON spec.config.cassandra-yaml.authenticator is PasswordAuthenticator")),
                new KindCase("the fully qualified class name: on", dc("config: {cassandra-yaml: {authenticator: org.apache.cassandra.auth.PasswordAuthenticator}}"),
                        List.of("ON is org.apache.cassandra.auth.PasswordAuthenticator")),
                new KindCase("AllowAllAuthenticator named: off", dc("config: {cassandra-yaml: {authenticator: AllowAllAuthenticator}}"),
                        List.of("OFF spec.config.cassandra-yaml.authenticator is AllowAllAuthenticator")),
                new KindCase("Cassandra 5.0's class_name form: on",
                        dc("config: {cassandra-yaml: {authenticator: {class_name: PasswordAuthenticator}}}").replace("4.1.5", "5.0.2"),
                        List.of("ON is PasswordAuthenticator")),
                new KindCase("DSE with authentication_options enabled: on",
                        dc("serverType: dse\nconfig: {dse-yaml: {authentication_options: {enabled: true}}}"),
                        List.of("ON spec.config.dse-yaml.authentication_options.enabled is true")),
                new KindCase("DSE without: off", dc("serverType: dse"), List.of("OFF dse-yaml.authentication_options.enabled is not true")),
                new KindCase("the configuration in a Secret: unknown", dc("configSecret: cassandra-config"),
                        List.of("UNKNOWN the configuration is in Secret cassandra-config")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void theAuthenticatorIsCassandrasDefaultUnlessTheConfigurationNamesAnother(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).singleElement().satisfies(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> datacenterAndServices() {
        String labels = "cassandra.datastax.com/cluster=cluster1,cassandra.datastax.com/datacenter=dc1";
        return Stream.of(
                new KindCase("the datacenter on cass-operator's labels, CQL on 9042, no Service that opens anything", dc(""),
                        List.of("datacenter " + labels + " [9042] pod network")),
                new KindCase("networking.nodePort: the node-port Service, node port = port, native port moved",
                        dc("networking: {nodePort: {native: 30042, internode: 30070}}\n"
                                + "additionalServiceConfig: {nodePortService: {additionalAnnotations: {a: b}}}"),
                        List.of("datacenter " + labels + " [30042] pod network",
                                "service cluster1-dc1-node-port-service NodePort {" + labels.replace(",", ", ") + "} {a=b}"
                                        + " [30070->30070 node port 30070, 30042->30042 node port 30042] at spec.networking")),
                new KindCase("nativeSSL wins over native", dc("networking: {nodePort: {native: 30042, nativeSSL: 30142}}"),
                        List.of("datacenter " + labels + " [30142] pod network",
                                "service cluster1-dc1-node-port-service NodePort {" + labels.replace(",", ", ") + "} {}"
                                        + " [7000->7000 node port 7000, 30142->30142 node port 30142] at spec.networking")),
                new KindCase("hostNetwork: the pods are on the node network", dc("networking: {hostNetwork: true}"),
                        List.of("datacenter " + labels + " [9042] node network")),
                new KindCase("a cluster name that is no DNS label: the Service name is cleaned, the label keeps what a label may hold",
                        dc("").replace("clusterName: cluster1", "clusterName: \"My Cluster\"")
                                .replace("size: 3", "size: 3\n  networking: {nodePort: {}}"),
                        List.of("datacenter cassandra.datastax.com/cluster=MyCluster,cassandra.datastax.com/datacenter=dc1 [9042] pod network",
                                "service mycluster-dc1-node-port-service NodePort {cassandra.datastax.com/cluster=MyCluster,"
                                        + " cassandra.datastax.com/datacenter=dc1} {} [7000->7000 node port 7000, 9042->9042 node port 9042] at spec.networking")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datacenterAndServices")
    void theDatacenterCarriesTheOperatorsLabelsAndNodePortGivesItsService(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",") + " " + d.ports().stream().map(p -> p.number()).toList()
                + (d.hostNetwork() ? " node network" : " pod network")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + new TreeMap<>(s.annotations()) + " " + s.ports().stream().map(p -> p.port() + "->" + p.targetNumber()
                + " node port " + p.nodePort()).toList() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("node ports without an authenticator: critical", dc("networking: {nodePort: {native: 30042, internode: 30070}}"),
                        List.of("EG-EXP-001 critical")),
                new KindCase("node ports with PasswordAuthenticator: published but authenticated",
                        dc("networking: {nodePort: {native: 30042}}\nconfig: {cassandra-yaml: {authenticator: PasswordAuthenticator}}"),
                        List.of("EG-EXP-004 medium")),
                new KindCase("no node port, no authenticator: reachable inside the cluster only", dc(""), List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheAuthenticatorAndTheNodePorts(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("no config: PasswordAuthenticator is set", dc(""), List.of("{\"cassandra-yaml\":{\"authenticator\":\"PasswordAuthenticator\"}}")),
                new KindCase("AllowAllAuthenticator is replaced, the rest stays", dc("config: {cassandra-yaml: {authenticator: AllowAllAuthenticator, num_tokens: 16}}"),
                        List.of("{\"cassandra-yaml\":{\"authenticator\":\"PasswordAuthenticator\",\"num_tokens\":16}}")),
                new KindCase("the class_name form", dc("config: {cassandra-yaml: {authenticator: {class_name: AllowAllAuthenticator}}}"),
                        List.of("{\"cassandra-yaml\":{\"authenticator\":{\"class_name\":\"PasswordAuthenticator\"}}}")),
                new KindCase("DSE: authentication_options enabled", dc("serverType: dse"),
                        List.of("{\"dse-yaml\":{\"authentication_options\":{\"enabled\":true}}}")),
                new KindCase("another authenticator: nothing to fix", dc("config: {cassandra-yaml: {authenticator: com.example.LdapAuthenticator}}"),
                        List.of("{\"cassandra-yaml\":{\"authenticator\":\"com.example.LdapAuthenticator\"}}")),
                new KindCase("a configSecret: not changed here", dc("configSecret: cassandra-config"), List.of("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixSetsTheAuthenticatorInTheConfiguration(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new CassandraDatacenter().enableAuthentication(object);

        assertThat(changed).isEqualTo(!object.equals(before));
        assertThat(object.path("spec").path("config").isMissingNode() ? "" : object.path("spec").path("config").toString())
                .isEqualTo(c.expected().get(0));
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", dc("").replace("cassandra.datastax.com/v1beta1", "cassandra.datastax.com/v1"),
                        List.of("apiVersion: cassandra.datastax.com/v1 is not a version of CassandraDatacenter that exposure-guard reads (v1beta1)")),
                new KindCase("no clusterName", dc("").replace("  clusterName: cluster1\n", ""), List.of("spec.clusterName: missing")),
                new KindCase("no size", dc("").replace("  size: 3\n", ""), List.of("spec.size: missing")),
                new KindCase("a size of zero", dc("").replace("size: 3", "size: 0"), List.of("spec.size: expected 1 to 1000")),
                new KindCase("an absurd size", dc("").replace("size: 3", "size: 100000"), List.of("spec.size: expected 1 to 1000")),
                new KindCase("a node port out of range", dc("networking: {nodePort: {native: 70000}}"),
                        List.of("spec.networking.nodePort.native: expected a port number (1 to 65535)")),
                new KindCase("hostNetwork not a boolean", dc("networking: {hostNetwork: yes-please}"),
                        List.of("spec.networking.hostNetwork: expected true or false, found a string")),
                new KindCase("an authenticator list", dc("config: {cassandra-yaml: {authenticator: [PasswordAuthenticator]}}"),
                        List.of("spec.config.cassandra-yaml.authenticator: expected a class name, found a list")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec after the sample's clusterName, serverType, serverVersion and size */
    static String dc(String specExtra) {
        String spec = specExtra.contains("serverType:") ? specExtra : "serverType: cassandra\n" + specExtra;
        return """
                apiVersion: cassandra.datastax.com/v1beta1
                kind: CassandraDatacenter
                metadata: {name: dc1, namespace: cass-operator}
                spec:
                  clusterName: cluster1
                  serverVersion: "4.1.5"
                  size: 3
                  storageConfig: {cassandraDataVolumeClaimSpec: {resources: {requests: {storage: 5Gi}}}}
                """ + "  " + spec.strip().replace("\n", "\n  ") + "\n";
    }
}
