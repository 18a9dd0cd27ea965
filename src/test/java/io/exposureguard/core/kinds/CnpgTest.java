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

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudNativePG's Cluster and Pooler, read through the inventory: scram unless pg_hba trusts network clients, the
 * instances on CloudNativePG's pod labels, the managed additional Services from their serviceTemplate, the fix in
 * the Cluster, and bad input as a named problem.
 */
class CnpgTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: scram", cluster(""), List.of("ON scram-sha-256")),
                new KindCase("trust for every IPv4 address: off", cluster("postgresql: {pg_hba: [\"host all all 0.0.0.0/0 trust\"]}"),
                        List.of("OFF trusts clients from 0.0.0.0/0 without a password")),
                new KindCase("trust for a network written with a mask: off", cluster("postgresql: {pg_hba: [\"hostssl app app 10.0.0.0 255.0.0.0 trust\"]}"),
                        List.of("OFF trusts clients from 10.0.0.0 255.0.0.0")),
                new KindCase("trust for the loopback or the socket only: on", cluster("postgresql: {pg_hba: [\"host all all 127.0.0.1/32 trust\", \"local all all trust\"]}"),
                        List.of("ON scram-sha-256")),
                new KindCase("other methods: on", cluster("postgresql: {pg_hba: [\"host all all 0.0.0.0/0 md5\", \"hostssl all all all cert\"]}"),
                        List.of("ON scram-sha-256")),
                new KindCase("enableSuperuserAccess is said", cluster("enableSuperuserAccess: true"), List.of("ON postgres superuser log in")),
                new KindCase("Pooler: PgBouncer asks for passwords", pooler("{}"), List.of("ON PgBouncer asks for the passwords of Cluster pg")),
                new KindCase("Pooler with auth_type trust: off", pooler("{parameters: {auth_type: trust}}"), List.of("OFF auth_type: trust")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessTrustLetsNetworkClientsIn(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> instancesAndServices() {
        return Stream.of(
                new KindCase("one instance: the primary; no Service of its own beyond the ClusterIP defaults", cluster(""),
                        List.of("primary cnpg.io/cluster=pg,cnpg.io/instanceRole=primary,cnpg.io/podRole=instance,role=primary")),
                new KindCase("three instances with inherited labels: primary and replicas", cluster("inheritedMetadata: {labels: {team: db}}")
                        .replace("instances: 1", "instances: 3"),
                        List.of("primary cnpg.io/cluster=pg,cnpg.io/instanceRole=primary,cnpg.io/podRole=instance,role=primary,team=db",
                                "replicas cnpg.io/cluster=pg,cnpg.io/instanceRole=replica,cnpg.io/podRole=instance,role=replica,team=db")),
                new KindCase("additional Services: rw, ro and r selectors, type from the serviceTemplate", cluster("""
                        managed:
                          services:
                            additional:
                              - {selectorType: rw, serviceTemplate: {metadata: {name: pg-public}, spec: {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8]}}}
                              - {selectorType: ro, serviceTemplate: {metadata: {name: pg-read}, spec: {type: NodePort}}}
                              - {selectorType: r, serviceTemplate: {metadata: {name: pg-any}}}"""),
                        List.of("primary cnpg.io/cluster=pg,cnpg.io/instanceRole=primary,cnpg.io/podRole=instance,role=primary",
                                "service pg-public LoadBalancer {cnpg.io/cluster=pg, cnpg.io/instanceRole=primary} [10.0.0.0/8] at spec.managed.services.additional[0].serviceTemplate.spec",
                                "service pg-read NodePort {cnpg.io/cluster=pg, cnpg.io/instanceRole=replica} [] at spec.managed.services.additional[1].serviceTemplate.spec",
                                "service pg-any ClusterIP {cnpg.io/cluster=pg, cnpg.io/podRole=instance} [] at spec.managed.services.additional[2].serviceTemplate.spec")),
                new KindCase("Pooler: its pods and the <name> Service from spec.serviceTemplate", pooler("{}"),
                        List.of("PgBouncer cnpg.io/poolerName=pooler", "service pooler LoadBalancer {cnpg.io/poolerName=pooler} [] at spec.serviceTemplate.spec")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instancesAndServices")
    void theInstancesCarryCloudNativePgsLabelsAndTheManagedServicesSelectThem(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new java.util.ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new java.util.TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new java.util.TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        String lb = """
                managed:
                  services:
                    additional:
                      - {selectorType: rw, serviceTemplate: {metadata: {name: pg-public}, spec: {type: LoadBalancer}}}""";
        return Stream.of(
                new KindCase("a LoadBalancer managed Service in front of scram: published but authenticated", cluster(lb), List.of("EG-EXP-004 medium")),
                new KindCase("the same with trust for everyone: critical", cluster(lb + "\npostgresql: {pg_hba: [\"host all all 0.0.0.0/0 trust\"]}"),
                        List.of("EG-EXP-001 critical")),
                new KindCase("a hand-written NodePort selecting the primary with trust: critical", cluster("postgresql: {pg_hba: [\"host all all all trust\"]}") + """
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata: {name: pg-np, namespace: db}
                        spec: {type: NodePort, selector: {cnpg.io/cluster: pg, role: primary}, ports: [{port: 5432}]}
                        """, List.of("EG-EXP-001 critical")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsPgHbaAndTheManagedServices(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("trust lines for network clients go, the rest stays", cluster("""
                        postgresql: {pg_hba: ["host all all 0.0.0.0/0 trust", "host all all 127.0.0.1/32 trust", "hostssl all all all cert"]}"""),
                        List.of("host all all 127.0.0.1/32 trust", "hostssl all all all cert")),
                new KindCase("nothing to fix", cluster("postgresql: {pg_hba: [\"host all all all scram-sha-256\"]}"), List.of()));
    }

    /** expected empty: the fix changes nothing and says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixRemovesTheTrustLinesInTheCluster(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new CnpgCluster().enableAuthentication(object);

        assertThat(changed).isEqualTo(!c.expected().isEmpty());
        if (c.expected().isEmpty()) {
            assertThat(object).isEqualTo(before);
        } else {
            List<String> lines = new java.util.ArrayList<>();
            object.path("spec").path("postgresql").path("pg_hba").forEach(l -> lines.add(l.asText()));
            assertThat(lines).containsExactlyElementsOf(c.expected());
        }
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", cluster("").replace("postgresql.cnpg.io/v1", "postgresql.cnpg.io/v2"),
                        List.of("apiVersion: postgresql.cnpg.io/v2 is not a version of Cluster that exposure-guard reads (v1)")),
                new KindCase("pg_hba not a list", cluster("postgresql: {pg_hba: \"host all all all trust\"}"),
                        List.of("spec.postgresql.pg_hba: expected a list, found a string")),
                new KindCase("an unknown selectorType", cluster("managed: {services: {additional: [{selectorType: all, serviceTemplate: {metadata: {name: x}}}]}}"),
                        List.of("spec.managed.services.additional[0].selectorType: expected rw, ro or r")),
                new KindCase("an additional Service without a name", cluster("managed: {services: {additional: [{selectorType: rw, serviceTemplate: {spec: {type: LoadBalancer}}}]}}"),
                        List.of("spec.managed.services.additional[0].serviceTemplate.metadata.name: missing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    private static String cluster(String specExtra) {
        return """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pg, namespace: db}
                spec:
                  instances: 1
                  storage: {size: 1Gi}
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n");
    }

    private static String pooler(String pgbouncer) {
        return """
                apiVersion: postgresql.cnpg.io/v1
                kind: Pooler
                metadata: {name: pooler, namespace: db}
                spec:
                  cluster: {name: pg}
                  type: rw
                  pgbouncer: %s
                  serviceTemplate: {spec: {type: LoadBalancer}}
                """.formatted(pgbouncer);
    }
}
