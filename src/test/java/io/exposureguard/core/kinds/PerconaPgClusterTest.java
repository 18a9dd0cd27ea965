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
 * Percona's PerconaPGCluster, read through the inventory: PGO's pg_hba rules decide authentication, the primary,
 * replicas and PgBouncer on the operator's labels, the ha, replicas and pgbouncer Services typed by their expose
 * blocks, the fix of the trust lines, and bad input as a named problem. Fixtures follow the operator's deploy/cr.yaml.
 */
class PerconaPgClusterTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String TRUST = "patroni: {dynamicConfiguration: {postgresql: {pg_hba: [\"host all all 0.0.0.0/0 trust\"]}}}";

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: PGO's scram-sha-256 rule", cluster(""), List.of("ON PGO's default pg_hba rule asks for scram-sha-256")),
                new KindCase("a Patroni pg_hba line trusting every address: off", cluster(TRUST), List.of("OFF trust")),
                new KindCase("an authentication rule trusting every address: off", cluster("authentication: {rules: [{hba: \"host all all all trust\"}]}"),
                        List.of("OFF trust")),
                new KindCase("a local trust line: on", cluster("patroni: {dynamicConfiguration: {postgresql: {pg_hba: [\"local all all trust\"]}}}"),
                        List.of("ON no pg_hba line")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessPgHbaTrustsNetworkClients(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).filteredOn(d -> !d.origin().startsWith("PgBouncer")).hasSize(2).allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> pgBouncerAuth() {
        return Stream.of(
                new KindCase("PgBouncer's own password check", cluster(""), List.of("ON checks each client's password")),
                new KindCase("auth_type trust: cannot be verified", cluster("proxy: {pgBouncer: {replicas: 1, config: {global: {auth_type: trust}}}}"),
                        List.of("UNKNOWN spec.proxy.pgBouncer.config.global.auth_type: trust")),
                new KindCase("auth_type any: cannot be verified", cluster("proxy: {pgBouncer: {config: {global: {auth_type: any}}}}"),
                        List.of("UNKNOWN auth_type: any")),
                new KindCase("auth_type scram-sha-256: on", cluster("proxy: {pgBouncer: {config: {global: {auth_type: scram-sha-256}}}}"),
                        List.of("ON checks each client's password")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pgBouncerAuth")
    void pgBouncerChecksPasswordsUnlessItsAuthTypeSkipsThem(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml().contains("proxy:") ? c.yaml()
                : c.yaml() + "  proxy: {pgBouncer: {replicas: 3}}\n"));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).filteredOn(d -> d.origin().startsWith("PgBouncer")).singleElement().satisfies(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> podsAndServices() {
        String c = "postgres-operator.crunchydata.com/cluster=cluster1,postgres-operator.crunchydata.com/role=";
        return Stream.of(
                new KindCase("one instance: the primary only, nothing exposed", cluster("").replace("replicas: 3", "replicas: 1"),
                        List.of("primary " + c + "primary")),
                new KindCase("expose and exposeReplicas: the ha and replicas Services", cluster("""
                        metadata: {annotations: {team: db}}
                        expose:
                          type: LoadBalancer
                          annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing}
                          loadBalancerSourceRanges: [10.0.0.0/8]
                        exposeReplicas: {type: NodePort, nodePort: 30432}"""),
                        List.of("primary " + c + "primary", "replicas " + c + "replica",
                                "service cluster1-ha LoadBalancer {" + c.replace(",", ", ") + "primary} [10.0.0.0/8]"
                                        + " {service.beta.kubernetes.io/aws-load-balancer-scheme=internet-facing, team=db} 5432/0 at spec.expose",
                                "service cluster1-replicas NodePort {" + c.replace(",", ", ") + "replica} [] {team=db} 5432/30432 at spec.exposeReplicas")),
                new KindCase("PgBouncer on its own port behind its Service", cluster("port: 5433\nproxy: {pgBouncer: {replicas: 2, port: 6432, expose: {type: LoadBalancer}}}"),
                        List.of("primary " + c + "primary", "replicas " + c + "replica", "PgBouncer " + c + "pgbouncer",
                                "service cluster1-pgbouncer LoadBalancer {" + c.replace(",", ", ") + "pgbouncer} [] {} 6432/0 at spec.proxy.pgBouncer.expose")),
                new KindCase("PgBouncer without replicas: nothing of it", cluster("proxy: {pgBouncer: {replicas: 0, expose: {type: LoadBalancer}}}"),
                        List.of("primary " + c + "primary", "replicas " + c + "replica")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podsAndServices")
    void thePodsCarryPatronisRolesAndEachExposeItsService(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " " + new TreeMap<>(s.annotations()) + " " + s.ports().get(0).port() + "/"
                + s.ports().get(0).nodePort() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("the default rule behind a LoadBalancer: published but authenticated", cluster("expose: {type: LoadBalancer}"),
                        List.of("EG-EXP-004 medium")),
                new KindCase("a trust line, the primary behind a LoadBalancer: critical, the replicas in-cluster only",
                        cluster(TRUST + "\nexpose: {type: LoadBalancer}"), List.of("EG-EXP-001 critical", "EG-EXP-003 low")),
                new KindCase("PgBouncer with auth_type trust on a NodePort: cannot be verified",
                        cluster("proxy: {pgBouncer: {config: {global: {auth_type: trust}}, expose: {type: NodePort}}}"),
                        List.of("EG-EXP-005 medium")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsPgHbaAndTheExposeSettings(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("trust rules and lines for network clients go, the rest stays", cluster("""
                        authentication: {rules: [{hba: "host all all all trust"}, {hba: "local all all trust"}]}
                        patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["host all all 0.0.0.0/0 trust", "hostssl all all all md5"]}}}"""),
                        List.of("rule {\"hba\":\"local all all trust\"}", "line hostssl all all all md5")),
                new KindCase("nothing to fix", cluster("patroni: {dynamicConfiguration: {postgresql: {pg_hba: [\"hostssl all all all scram-sha-256\"]}}}"),
                        List.of("line hostssl all all all scram-sha-256")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixRemovesTheTrustLines(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new PerconaPgCluster().enableAuthentication(object);

        List<String> left = new ArrayList<>();
        object.path("spec").path("authentication").path("rules").forEach(r -> left.add("rule " + r));
        object.path("spec").path("patroni").path("dynamicConfiguration").path("postgresql").path("pg_hba").forEach(l -> left.add("line " + l.asText()));
        assertThat(changed).isEqualTo(!object.equals(before));
        assertThat(left).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", cluster("").replace("pgv2.percona.com/v2", "pgv2.percona.com/v1"),
                        List.of("apiVersion: pgv2.percona.com/v1 is not a version of PerconaPGCluster that exposure-guard reads (v2)")),
                new KindCase("an expose type that is none", cluster("expose: {type: Public}"),
                        List.of("spec.expose.type: expected ClusterIP, NodePort or LoadBalancer, found Public")),
                new KindCase("pg_hba not a list", cluster("patroni: {dynamicConfiguration: {postgresql: {pg_hba: \"host all all all trust\"}}}"),
                        List.of("spec.patroni.dynamicConfiguration.postgresql.pg_hba: expected a list, found a string")),
                new KindCase("a node port that is no number", cluster("expose: {type: NodePort, nodePort: high}"),
                        List.of("spec.expose.nodePort: expected an integer, found a string")),
                new KindCase("a port out of range", cluster("port: 0"), List.of("spec.port: expected a port from 1 to 65535, found 0")),
                new KindCase("a negative replica count", cluster("").replace("replicas: 3", "replicas: -1"),
                        List.of("spec.instances[0].replicas: expected 0 to 1000")),
                new KindCase("an absurd PgBouncer replica count", cluster("proxy: {pgBouncer: {replicas: 50000}}"),
                        List.of("spec.proxy.pgBouncer.replicas: expected 0 to 1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec after the instances */
    private static String cluster(String specExtra) {
        return """
                apiVersion: pgv2.percona.com/v2
                kind: PerconaPGCluster
                metadata: {name: cluster1, namespace: db}
                spec:
                  crVersion: 2.7.0
                  postgresVersion: 17
                  instances:
                  - name: instance1
                    replicas: 3
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n");
    }
}
