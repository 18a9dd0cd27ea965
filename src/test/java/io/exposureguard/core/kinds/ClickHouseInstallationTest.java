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
 * Altinity's ClickHouseInstallation, read through the inventory: the default user confined to localhost and the
 * installation's pods unless its networks/ip opens it to every address without a password, a datastore per cluster
 * on the operator's labels, the Services of its service templates (none without one: the default is headless), the
 * fix in the users' networks, and bad input as a named problem. Fixtures follow the operator's docs/chi-examples.
 */
class ClickHouseInstallationTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String LB_TEMPLATE = """
            defaults:
              templates: {serviceTemplate: chi-service}
            templates:
              serviceTemplates:
              - name: chi-service
                generateName: service-{chi}
                metadata: {annotations: {a: b}}
                spec:
                  type: LoadBalancer
                  loadBalancerSourceRanges: [10.0.0.0/8]
                  ports: [{name: http, port: 8123}, {name: tcp, port: 9000, targetPort: tcp}]""";

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: the default user is confined to localhost and the installation's pods", chi("", ""),
                        List.of("ON admits a user without a password only from localhost")),
                new KindCase("the default user opened to ::/0 without a password: off", chi("", "default/networks/ip: \"::/0\""),
                        List.of("OFF the default user has no password and networks/ip ::/0")),
                new KindCase("a list with 0.0.0.0/0: off", chi("", "default/networks/ip: [10.0.0.0/8, 0.0.0.0/0]"),
                        List.of("OFF networks/ip 0.0.0.0/0")),
                new KindCase("opened, with a plaintext password: on", chi("", "default/networks/ip: \"::/0\"\n  default/password: s3cret"),
                        List.of("ON no user of spec.configuration.users opens")),
                new KindCase("opened, with a password from a Secret: on", chi("",
                        "default/networks/ip: \"::/0\"\n  default/k8s_secret_password: clickhouse-credentials/password"),
                        List.of("ON no user")),
                new KindCase("opened, with a password by valueFrom: on", chi("",
                        "default/networks/ip: \"::/0\"\n  default/password: {valueFrom: {secretKeyRef: {name: s, key: p}}}"),
                        List.of("ON no user")),
                new KindCase("a private range only: on", chi("", "default/networks/ip: 10.0.0.0/8"), List.of("ON no user")),
                new KindCase("another user opened without a password gets the operator's: off", chi("", "test/networks/ip: \"::/0\""),
                        List.of("OFF user test has networks/ip ::/0 and no password of its own")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void theDefaultUserIsConfinedUnlessItsNetworksOpenItWithoutAPassword(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).singleElement().satisfies(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> clustersAndServices() {
        String labels = "clickhouse.altinity.com/app=chop,clickhouse.altinity.com/chi=repl,clickhouse.altinity.com/cluster=";
        String ready = ",clickhouse.altinity.com/namespace=db,clickhouse.altinity.com/ready=yes";
        return Stream.of(
                new KindCase("no cluster: the operator's default one, and no Service (the default one is headless)", chi("", ""),
                        List.of("cluster " + labels + "cluster" + ready)),
                new KindCase("a datastore per cluster", chi("configuration:\n  clusters: [{name: a}, {name: b, layout: {shardsCount: 2}}]", ""),
                        List.of("cluster " + labels + "a" + ready, "cluster " + labels + "b" + ready)),
                new KindCase("the installation's service template: its generateName, type, ranges, annotations and own ports",
                        chi(LB_TEMPLATE, ""),
                        List.of("cluster " + labels + "cluster" + ready,
                                "service service-repl LoadBalancer {clickhouse.altinity.com/app=chop, clickhouse.altinity.com/chi=repl,"
                                        + " clickhouse.altinity.com/namespace=db, clickhouse.altinity.com/ready=yes} [10.0.0.0/8] {a=b}"
                                        + " [8123->8123, 9000->tcp] at spec.templates.serviceTemplates[0].spec")),
                new KindCase("a template named but not in the installation (a ClickHouseInstallationTemplate's): no Service",
                        chi(LB_TEMPLATE.replace("serviceTemplate: chi-service", "serviceTemplates: [chi-service, elsewhere]"), ""),
                        List.of("cluster " + labels + "cluster" + ready)),
                new KindCase("a cluster's service template, without generateName: cluster-<name>-<cluster>", chi("""
                        configuration:
                          clusters: [{name: a, templates: {clusterServiceTemplate: np}}]
                        templates:
                          serviceTemplates: [{name: np, spec: {type: NodePort, ports: [{name: tcp, port: 9000, nodePort: 30900}]}}]""", ""),
                        List.of("cluster " + labels + "a" + ready,
                                "service cluster-repl-a NodePort {clickhouse.altinity.com/app=chop, clickhouse.altinity.com/chi=repl,"
                                        + " clickhouse.altinity.com/cluster=a, clickhouse.altinity.com/namespace=db, clickhouse.altinity.com/ready=yes}"
                                        + " [] {} [9000->9000 node port 30900] at spec.templates.serviceTemplates[0].spec")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clustersAndServices")
    void eachClusterCarriesTheOperatorsLabelsAndTemplatesGiveTheServices(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " " + new TreeMap<>(s.annotations()) + " " + s.ports().stream()
                .map(p -> p.port() + "->" + (p.targetName() != null ? p.targetName() : p.targetNumber())
                        + (p.nodePort() == 0 ? "" : " node port " + p.nodePort())).toList() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("a LoadBalancer template in front of the confined default user: published but authenticated",
                        chi(LB_TEMPLATE.replace("loadBalancerSourceRanges: [10.0.0.0/8]", "externalTrafficPolicy: Local"), ""),
                        List.of("EG-EXP-004 medium")),
                new KindCase("the same with the default user opened to ::/0: critical",
                        chi(LB_TEMPLATE.replace("loadBalancerSourceRanges: [10.0.0.0/8]", "externalTrafficPolicy: Local"),
                                "default/networks/ip: \"::/0\""),
                        List.of("EG-EXP-001 critical")),
                new KindCase("opened, but no template: the headless default Service publishes nothing, reachable in the cluster only",
                        chi("", "default/networks/ip: \"::/0\""), List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheUsersAndTheServiceTemplates(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("::/0 as the only address: the setting goes", chi("", "default/networks/ip: \"::/0\""), List.of("{}")),
                new KindCase("0.0.0.0/0 in a list: the other addresses stay", chi("", "default/networks/ip: [10.0.0.0/8, 0.0.0.0/0]"),
                        List.of("{\"default/networks/ip\":[\"10.0.0.0/8\"]}")),
                new KindCase("a user with a password keeps its networks", chi("", "test/networks/ip: \"::/0\"\n  test/password_sha256_hex: abc"),
                        List.of("{\"test/networks/ip\":\"::/0\",\"test/password_sha256_hex\":\"abc\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixConfinesUsersWithoutAPassword(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new ClickHouseInstallation().enableAuthentication(object);

        assertThat(changed).isEqualTo(!object.equals(before));
        assertThat(object.path("spec").path("configuration").path("users").toString()).isEqualTo(c.expected().get(0));
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", chi("", "").replace("clickhouse.altinity.com/v1", "clickhouse.altinity.com/v2"),
                        List.of("apiVersion: clickhouse.altinity.com/v2 is not a version of ClickHouseInstallation that exposure-guard reads (v1)")),
                new KindCase("users written as a nested object", chi("", "default: {password: \"\"}"),
                        List.of("spec.configuration.users.default: expected settings keyed <user>/<setting> (the operator ignores a nested object)")),
                new KindCase("networks/ip an object", chi("", "default/networks/ip: {ip: \"::/0\"}"),
                        List.of("spec.configuration.users.default/networks/ip: expected an address or a list of addresses, found an object")),
                new KindCase("clusters not a list", chi("configuration:\n  clusters: {name: a}", ""),
                        List.of("spec.configuration.clusters: expected a list, found an object")),
                new KindCase("a cluster without a name", chi("configuration:\n  clusters: [{layout: {shardsCount: 1}}]", ""),
                        List.of("spec.configuration.clusters[0].name: missing")),
                new KindCase("a negative shard count", chi("configuration:\n  clusters: [{name: a, layout: {shardsCount: -1}}]", ""),
                        List.of("spec.configuration.clusters[0].layout.shardsCount: expected 0 to 1000")),
                new KindCase("an absurd replica count", chi("configuration:\n  clusters: [{name: a, layout: {replicasCount: 99999}}]", ""),
                        List.of("spec.configuration.clusters[0].layout.replicasCount: expected 0 to 1000")),
                new KindCase("a template port without a number", chi(LB_TEMPLATE.replace("{name: http, port: 8123}", "{name: http}"), ""),
                        List.of("spec.templates.serviceTemplates[0].spec.ports[0].port: missing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec (besides configuration.users); users lines of spec.configuration.users */
    private static String chi(String specExtra, String users) {
        String spec = specExtra;
        if (!users.isEmpty()) {
            spec = spec.contains("configuration:\n")
                    ? spec.replace("configuration:\n", "configuration:\n  users:\n    " + users.replace("\n", "\n  ") + "\n")
                    : "configuration:\n  users:\n    " + users.replace("\n", "\n  ") + (spec.isEmpty() ? "" : "\n" + spec);
        }
        return """
                apiVersion: clickhouse.altinity.com/v1
                kind: ClickHouseInstallation
                metadata: {name: repl, namespace: db}
                spec:
                """ + (spec.isEmpty() ? "  {}\n" : "  " + spec.replace("\n", "\n  ") + "\n");
    }
}
