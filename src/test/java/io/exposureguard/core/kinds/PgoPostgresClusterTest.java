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
 * Crunchy PGO's PostgresCluster, read through the inventory: scram over TLS unless an authentication rule's hba
 * line or the Patroni dynamic configuration's pg_hba trusts network clients, the primary and replicas on PGO's
 * labels, the -ha and -replicas Services from spec.service and spec.replicaService, the fix in the resource, and bad
 * input as a named problem. Fixtures follow PGO's examples/postgrescluster/postgrescluster.yaml.
 */
class PgoPostgresClusterTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: scram over TLS", cluster(""), List.of("ON PGO's default pg_hba rule asks for scram-sha-256")),
                new KindCase("the same in v1", cluster("").replace("/v1beta1", "/v1"), List.of("ON PGO's default pg_hba rule asks for scram-sha-256")),
                new KindCase("an authentication rule's hba line trusts everyone: off",
                        cluster("authentication: {rules: [{hba: \"hostssl all all 0.0.0.0/0 trust\"}]}"),
                        List.of("OFF trusts clients from 0.0.0.0/0 without a password")),
                new KindCase("the Patroni dynamic configuration trusts a network: off",
                        cluster("patroni: {dynamicConfiguration: {postgresql: {pg_hba: [\"host all all 10.0.0.0/8 trust\"]}}}"),
                        List.of("OFF trusts clients from 10.0.0.0/8 without a password")),
                new KindCase("structured rules and password lines: on", cluster("""
                        authentication: {rules: [{connection: hostssl, method: scram-sha-256, users: [app]}, {hba: "local all all trust"}]}
                        patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["hostssl all all all md5"]}}}"""),
                        List.of("ON no pg_hba line of its authentication rules or Patroni configuration trusts network clients")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessAnHbaLineTrustsNetworkClients(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).hasSize(2).allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> instancesAndServices() {
        String primary = "primary postgres-operator.crunchydata.com/cluster=hippo,postgres-operator.crunchydata.com/role=master";
        String replicas = "replicas postgres-operator.crunchydata.com/cluster=hippo,postgres-operator.crunchydata.com/role=replica";
        String selector = "{postgres-operator.crunchydata.com/cluster=hippo, postgres-operator.crunchydata.com/role=";
        return Stream.of(
                new KindCase("two sets, two pods: primary and replicas; ClusterIP Services are left to the real ones", cluster(""),
                        List.of(primary, replicas)),
                new KindCase("one pod: the primary only", cluster("").replace("  - {name: instance2}\n", ""), List.of(primary)),
                new KindCase("replicas in one set count", cluster("").replace("  - {name: instance2}\n", "").replace("{name: instance1}", "{name: instance1, replicas: 3}"),
                        List.of(primary, replicas)),
                new KindCase("spec.service types the -ha leader Service, with the cluster's annotations under its own", cluster("""
                        metadata: {annotations: {team: db, tier: a}}
                        service: {type: LoadBalancer, metadata: {annotations: {tier: b}}}"""),
                        List.of(primary, replicas, "service hippo-ha LoadBalancer " + selector + "master} 5432 {team=db, tier=b} at spec.service")),
                new KindCase("spec.replicaService types -replicas, on spec.port, with its node port", cluster("""
                        port: 5433
                        replicaService: {type: NodePort, nodePort: 32000}"""),
                        List.of(primary, replicas,
                                "service hippo-replicas NodePort " + selector + "replica} 5433 {} at spec.replicaService node port 32000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instancesAndServices")
    void theInstancesCarryPgosLabelsAndTheServiceSpecsPublishThem(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.ports().get(0).port() + " " + new TreeMap<>(s.annotations()) + " at " + s.settingsPath()
                + (s.ports().get(0).nodePort() == 0 ? "" : " node port " + s.ports().get(0).nodePort())));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        String trust = "authentication: {rules: [{hba: \"host all all all trust\"}]}";
        return Stream.of(
                new KindCase("a LoadBalancer leader Service in front of passwords: published but authenticated",
                        cluster("service: {type: LoadBalancer}"), List.of("EG-EXP-004 medium")),
                new KindCase("the same with trust for everyone: critical (the replicas, not published, low)",
                        cluster("service: {type: LoadBalancer}\n" + trust), List.of("EG-EXP-001 critical", "EG-EXP-003 low")),
                new KindCase("a NodePort replica Service with Patroni trust: critical",
                        cluster("replicaService: {type: NodePort}\npatroni: {dynamicConfiguration: {postgresql: {pg_hba: [\"hostssl all all 0.0.0.0/0 trust\"]}}}"),
                        List.of("EG-EXP-001 critical", "EG-EXP-003 low")),
                new KindCase("trust with only ClusterIP Services: not published, low", cluster(trust), List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheHbaLinesAndTheServiceTypes(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("trust rules and lines for network clients go, the rest stays", cluster("""
                        authentication: {rules: [{hba: "hostssl all all 0.0.0.0/0 trust"}, {connection: hostssl, method: scram-sha-256}, {hba: "local all all trust"}]}
                        patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["host all all 10.0.0.0/8 trust", "hostssl all all all md5"]}}}"""),
                        List.of("rule {\"connection\":\"hostssl\",\"method\":\"scram-sha-256\"}", "rule {\"hba\":\"local all all trust\"}",
                                "line hostssl all all all md5")),
                new KindCase("nothing to fix", cluster("authentication: {rules: [{hba: \"hostssl all all all scram-sha-256\"}]}"),
                        List.of("rule {\"hba\":\"hostssl all all all scram-sha-256\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixRemovesTheTrustLinesInTheResource(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new PgoPostgresCluster().enableAuthentication(object);

        List<String> left = new ArrayList<>();
        object.path("spec").path("authentication").path("rules").forEach(r -> left.add("rule " + r));
        object.path("spec").path("patroni").path("dynamicConfiguration").path("postgresql").path("pg_hba").forEach(l -> left.add("line " + l.asText()));
        assertThat(changed).isEqualTo(!object.equals(before));
        assertThat(left).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", cluster("").replace("/v1beta1", "/v2"),
                        List.of("apiVersion: postgres-operator.crunchydata.com/v2 is not a version of PostgresCluster that exposure-guard reads (v1beta1, v1)")),
                new KindCase("rules not a list", cluster("authentication: {rules: {hba: \"host all all all trust\"}}"),
                        List.of("spec.authentication.rules: expected a list, found an object")),
                new KindCase("Patroni pg_hba as one string", cluster("patroni: {dynamicConfiguration: {postgresql: {pg_hba: \"host all all all trust\"}}}"),
                        List.of("spec.patroni.dynamicConfiguration.postgresql.pg_hba: expected a list, found a string")),
                new KindCase("a service that is not an object", cluster("service: LoadBalancer"), List.of("spec.service: expected an object, found a string")),
                new KindCase("a node port that is not a number", cluster("service: {type: NodePort, nodePort: high}"),
                        List.of("spec.service.nodePort: expected an integer, found a string")),
                new KindCase("negative replicas", cluster("").replace("{name: instance1}", "{name: instance1, replicas: -2}"),
                        List.of("spec.instances[0].replicas: expected 0 to 1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    @org.junit.jupiter.api.Test
    void theFixOfAPublishedServiceNamesOnlyFieldsPgoHas() {
        String yaml = cluster("authentication: {rules: [{hba: \"host all all all trust\"}]}\nservice: {type: LoadBalancer}");

        var findings = io.exposureguard.core.engine.ExposureEngine.standard().evaluate(Manifests.objects(yaml)).findings();

        assertThat(findings).filteredOn(f -> f.rule().id().equals("EG-EXP-001")).isNotEmpty().allSatisfy(f -> assertThat(f.remediation())
                .contains("set spec.service.type: ClusterIP on PostgresCluster", "(not LoadBalancer), or make it internal with a"
                        + " load-balancer annotation in spec.service.metadata.annotations")
                .doesNotContain("loadBalancerSourceRanges"));
    }

    private static String cluster(String specExtra) {
        return """
                apiVersion: postgres-operator.crunchydata.com/v1beta1
                kind: PostgresCluster
                metadata: {name: hippo, namespace: db}
                spec:
                  postgresVersion: 17
                  instances:
                  - {name: instance1}
                  - {name: instance2}
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n");
    }
}
