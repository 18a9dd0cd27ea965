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
 * Percona's PerconaServerMongoDB, read through the inventory: --auth unless a replset's configuration disables
 * authorization (from crVersion 1.22.0), one datastore per member on the operator's labels and pod name, a Service per
 * member with expose.enabled (expose.type, or the older exposeType), the mongos Service, the fix in the configuration
 * text, and bad input as a named problem. Fixtures follow the operator's deploy/cr.yaml.
 */
class PerconaServerMongoDbTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String DISABLED = "configuration: |\n    security:\n      authorization: disabled";

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: --auth", psmdb("", ""), List.of("ON starts mongod with --auth")),
                new KindCase("authorization disabled in the configuration: off", psmdb("", DISABLED),
                        List.of("OFF spec.replsets[0].configuration sets security.authorization: disabled")),
                new KindCase("the same in flow style, quoted: off", psmdb("", "configuration: \"security: {authorization: 'disabled'}\""),
                        List.of("OFF security.authorization: disabled")),
                new KindCase("crVersion 1.22.0 honours it: off", psmdb("crVersion: 1.22.0", DISABLED), List.of("OFF without --auth")),
                new KindCase("crVersion before 1.22.0 always passes --auth: on", psmdb("crVersion: 1.21.1", DISABLED),
                        List.of("ON operators before crVersion 1.22.0 ignore")),
                new KindCase("authorization enabled: on", psmdb("", "configuration: |\n    security:\n      authorization: enabled"),
                        List.of("ON starts mongod with --auth")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessTheConfigurationDisablesAuthorization(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).hasSize(3).allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> membersAndServices() {
        String labels = "app.kubernetes.io/component=mongod,app.kubernetes.io/instance=my-cluster-name,"
                + "app.kubernetes.io/managed-by=percona-server-mongodb-operator,app.kubernetes.io/name=percona-server-mongodb,"
                + "app.kubernetes.io/part-of=percona-server-mongodb,app.kubernetes.io/replset=rs0,statefulset.kubernetes.io/pod-name=my-cluster-name-rs0-";
        return Stream.of(
                new KindCase("three members on the operator's labels; not exposed: no Service", psmdb("", "expose: {enabled: false, type: LoadBalancer}"),
                        List.of("member " + labels + "0", "member " + labels + "1", "member " + labels + "2")),
                new KindCase("exposed with type: a Service per member, named and selected by its pod", psmdb("", "size: 2\n  expose:\n"
                        + "    enabled: true\n    type: LoadBalancer\n    loadBalancerSourceRanges: [10.0.0.0/8]\n    annotations: {a: b}"),
                        List.of("member " + labels + "0", "member " + labels + "1",
                                "service my-cluster-name-rs0-0 LoadBalancer {statefulset.kubernetes.io/pod-name=my-cluster-name-rs0-0} [10.0.0.0/8] {a=b} at spec.replsets[0].expose",
                                "service my-cluster-name-rs0-1 LoadBalancer {statefulset.kubernetes.io/pod-name=my-cluster-name-rs0-1} [10.0.0.0/8] {a=b} at spec.replsets[0].expose")),
                new KindCase("the older exposeType and serviceAnnotations", psmdb("", "size: 1\n  expose: {enabled: true, exposeType: NodePort, serviceAnnotations: {x: y}}"),
                        List.of("member " + labels + "0",
                                "service my-cluster-name-rs0-0 NodePort {statefulset.kubernetes.io/pod-name=my-cluster-name-rs0-0} [] {x=y} at spec.replsets[0].expose")),
                new KindCase("sharded: config servers as cfg, and the mongos Service", psmdb("""
                        sharding:
                          enabled: true
                          configsvrReplSet: {size: 1}
                          mongos: {size: 2, expose: {type: NodePort, nodePort: 32017}}""", "size: 1"),
                        List.of("member " + labels + "0", "member " + labels.replace("rs0", "cfg") + "0",
                                "mongos app.kubernetes.io/component=mongos,app.kubernetes.io/instance=my-cluster-name,"
                                        + "app.kubernetes.io/managed-by=percona-server-mongodb-operator,app.kubernetes.io/name=percona-server-mongodb,"
                                        + "app.kubernetes.io/part-of=percona-server-mongodb",
                                "service my-cluster-name-mongos NodePort {app.kubernetes.io/component=mongos, app.kubernetes.io/instance=my-cluster-name,"
                                        + " app.kubernetes.io/managed-by=percona-server-mongodb-operator, app.kubernetes.io/name=percona-server-mongodb,"
                                        + " app.kubernetes.io/part-of=percona-server-mongodb} [] {} at spec.sharding.mongos.expose node port 32017")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("membersAndServices")
    void theMembersCarryTheOperatorsLabelsAndExposeGivesEachItsService(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " " + new TreeMap<>(s.annotations()) + " at " + s.settingsPath()
                + (s.ports().get(0).nodePort() == 0 ? "" : " node port " + s.ports().get(0).nodePort())));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        String exposed = "size: 1\n  expose: {enabled: true, type: LoadBalancer}";
        return Stream.of(
                new KindCase("an exposed member behind --auth: published but authenticated", psmdb("", exposed), List.of("EG-EXP-004 medium")),
                new KindCase("an exposed member with authorization disabled: critical", psmdb("", exposed + "\n  " + DISABLED),
                        List.of("EG-EXP-001 critical")),
                new KindCase("a mongos NodePort in front of config servers with authorization disabled: critical", psmdb("""
                        sharding:
                          enabled: true
                          configsvrReplSet:
                            size: 1
                            configuration: "security: {authorization: disabled}"
                          mongos: {size: 1, expose: {type: NodePort}}""", "size: 1"),
                        List.of("EG-EXP-001 critical", "EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheConfigurationAndTheExposeSettings(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("authorization disabled becomes enabled, the rest of the text stays",
                        psmdb("", "configuration: |\n    operationProfiling: {mode: slowOp}\n    security:\n      authorization: disabled"),
                        List.of("operationProfiling: {mode: slowOp}\nsecurity:\n  authorization: enabled\n")),
                new KindCase("nothing to fix", psmdb("", "configuration: |\n    security:\n      authorization: enabled"),
                        List.of("security:\n  authorization: enabled\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixEnablesAuthorizationInTheConfiguration(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new PerconaServerMongoDb().enableAuthentication(object);

        assertThat(changed).isEqualTo(!object.equals(before));
        assertThat(object.path("spec").path("replsets").path(0).path("configuration").asText()).isEqualTo(c.expected().get(0));
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", psmdb("", "").replace("psmdb.percona.com/v1", "psmdb.percona.com/v2"),
                        List.of("apiVersion: psmdb.percona.com/v2 is not a version of PerconaServerMongoDB that exposure-guard reads (v1)")),
                new KindCase("replsets not a list", psmdb("", "").replace("  replsets:\n  - name: rs0\n", "  replsets: {name: rs0}\n"),
                        List.of("spec.replsets: expected a list, found an object")),
                new KindCase("a replset without a name", psmdb("", "").replace("- name: rs0\n", "- size: 3\n"), List.of("spec.replsets[0].name: missing")),
                new KindCase("a configuration that is not text", psmdb("", "configuration: {security: {authorization: disabled}}"),
                        List.of("spec.replsets[0].configuration: expected a string, found an object")),
                new KindCase("expose.enabled not a boolean", psmdb("", "expose: {enabled: sometimes}"),
                        List.of("spec.replsets[0].expose.enabled: expected true or false, found a string")),
                new KindCase("a crVersion that is no version", psmdb("crVersion: latest", ""), List.of("spec.crVersion: expected a version such as 1.22.0")),
                new KindCase("a crVersion too long to be a number", psmdb("crVersion: 99999999999.1.0", ""), List.of("spec.crVersion: expected a version such as 1.22.0")),
                new KindCase("a negative size", psmdb("", "size: -3"), List.of("spec.replsets[0].size: expected 0 to 1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec before the replsets; replsetExtra lines of the rs0 replset */
    private static String psmdb(String specExtra, String replsetExtra) {
        return """
                apiVersion: psmdb.percona.com/v1
                kind: PerconaServerMongoDB
                metadata: {name: my-cluster-name, namespace: db}
                spec:
                  image: percona/percona-server-mongodb:8.0.12-4
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n") + """
                  replsets:
                  - name: rs0
                """ + (replsetExtra.isEmpty() ? "" : "    " + replsetExtra.replace("\n", "\n  ") + "\n");
    }
}
