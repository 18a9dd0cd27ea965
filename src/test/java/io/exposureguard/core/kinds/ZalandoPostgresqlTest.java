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
 * The Zalando postgres-operator's postgresql, read through the inventory: passwords unless patroni.pg_hba trusts
 * network clients, the master and replicas on Spilo's pod labels, the master and -repl Services its flags publish
 * (NodePort over LoadBalancer, allowedSourceRanges or 127.0.0.1/32), the fix in the resource, and bad input as a
 * named problem. Fixtures follow the operator's manifests/minimal-postgres-manifest.yaml.
 */
class ZalandoPostgresqlTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: Spilo's pg_hba asks for passwords", cluster(""),
                        List.of("ON Spilo's default pg_hba asks for md5 passwords over SSL")),
                new KindCase("the users the operator creates are named", cluster("users: {zalando: [superuser, createdb], foo_user: []}"),
                        List.of("ON generates the passwords of its users (zalando, foo_user) into Secrets")),
                new KindCase("trust for every IPv4 address: off", cluster("patroni: {pg_hba: [\"hostssl all all 0.0.0.0/0 trust\"]}"),
                        List.of("OFF spec.patroni.pg_hba trusts clients from 0.0.0.0/0 without a password")),
                new KindCase("trust written with a mask: off", cluster("patroni: {pg_hba: [\"host all all 10.0.0.0 255.0.0.0 trust\"]}"),
                        List.of("OFF trusts clients from 10.0.0.0 255.0.0.0")),
                new KindCase("a huge pg_hba whose last of 20000 lines trusts everyone: off", cluster("patroni: {pg_hba: ["
                        + "\"hostssl all all all md5\", ".repeat(20_000) + "\"host all all ::/0 trust\"]}"),
                        List.of("OFF trusts clients from ::/0 without a password")),
                new KindCase("trust for the loopback and the socket only: on", cluster(
                        "patroni: {pg_hba: [\"local all all trust\", \"host all all 127.0.0.1/32 trust\", \"hostssl all all all md5\"]}"),
                        List.of("ON no line of spec.patroni.pg_hba trusts network clients")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessPatroniPgHbaTrustsNetworkClients(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).hasSize(2).allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> instancesAndServices() {
        String master = "master application=spilo,cluster-name=acid-minimal-cluster,spilo-role=master";
        String replica = "replica application=spilo,cluster-name=acid-minimal-cluster,spilo-role=replica";
        return Stream.of(
                new KindCase("flags left to the operator's configuration (shipped false): no Service generated", cluster(""),
                        List.of(master, replica)),
                new KindCase("one instance: the master only", cluster("").replace("numberOfInstances: 2", "numberOfInstances: 1"),
                        List.of(master)),
                new KindCase("flags false: no Service generated", cluster("enableMasterLoadBalancer: false\nenableReplicaLoadBalancer: false"),
                        List.of(master, replica)),
                new KindCase("a master load balancer without allowedSourceRanges is locked to 127.0.0.1/32", cluster("enableMasterLoadBalancer: true"),
                        List.of(master, replica, "service acid-minimal-cluster LoadBalancer {application=spilo, cluster-name=acid-minimal-cluster,"
                                + " spilo-role=master} [127.0.0.1/32] {} at spec.enableMasterLoadBalancer")),
                new KindCase("both load balancers take allowedSourceRanges and the annotations, the role's own last", cluster("""
                        enableMasterLoadBalancer: true
                        enableReplicaLoadBalancer: true
                        allowedSourceRanges: [10.0.0.0/8, 0.0.0.0/0]
                        serviceAnnotations: {team: db, tier: a}
                        replicaServiceAnnotations: {tier: b}"""),
                        List.of(master, replica,
                                "service acid-minimal-cluster LoadBalancer {application=spilo, cluster-name=acid-minimal-cluster, spilo-role=master}"
                                        + " [10.0.0.0/8, 0.0.0.0/0] {team=db, tier=a} at spec.enableMasterLoadBalancer",
                                "service acid-minimal-cluster-repl LoadBalancer {application=spilo, cluster-name=acid-minimal-cluster, spilo-role=replica}"
                                        + " [10.0.0.0/8, 0.0.0.0/0] {team=db, tier=b} at spec.enableReplicaLoadBalancer")),
                new KindCase("a node port wins over the load balancer and keeps its fixed port", cluster("""
                        enableReplicaLoadBalancer: true
                        enableReplicaNodePort: true
                        replicaNodePort: 30432"""),
                        List.of(master, replica, "service acid-minimal-cluster-repl NodePort {application=spilo, cluster-name=acid-minimal-cluster,"
                                + " spilo-role=replica} [] {} at spec.enableReplicaNodePort node port 30432")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instancesAndServices")
    void theInstancesCarrySpilosLabelsAndTheFlagsPublishTheirServices(KindCase c) {
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
        String trust = "patroni: {pg_hba: [\"hostssl all all all trust\"]}";
        return Stream.of(
                new KindCase("a master load balancer open to everyone in front of passwords: published but authenticated",
                        cluster("enableMasterLoadBalancer: true\nallowedSourceRanges: [0.0.0.0/0]"), List.of("EG-EXP-004 medium")),
                new KindCase("the same with trust for everyone: critical",
                        cluster("enableMasterLoadBalancer: true\nallowedSourceRanges: [0.0.0.0/0]\n" + trust),
                        List.of("EG-EXP-001 critical", "EG-EXP-003 low")),
                new KindCase("a replica node port with trust: critical (the master, not published, low)", cluster("enableReplicaNodePort: true\n" + trust),
                        List.of("EG-EXP-001 critical", "EG-EXP-003 low")),
                new KindCase("trust behind the load balancer locked to 127.0.0.1/32: restricted, still high", cluster("enableMasterLoadBalancer: true\n" + trust),
                        List.of("EG-EXP-001 high", "EG-EXP-003 low")),
                new KindCase("a hand-written NodePort selecting the master with trust: critical", cluster(trust) + """
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata: {name: pg-np, namespace: db}
                        spec: {type: NodePort, selector: {cluster-name: acid-minimal-cluster, spilo-role: master}, ports: [{port: 5432}]}
                        """, List.of("EG-EXP-001 critical", "EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsPgHbaAndTheServiceFlags(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("trust lines for network clients go, the rest stays", cluster("""
                        patroni: {pg_hba: ["hostssl all all 0.0.0.0/0 trust", "host all all 127.0.0.1/32 trust", "hostssl all all all md5"]}"""),
                        List.of("host all all 127.0.0.1/32 trust", "hostssl all all all md5")),
                new KindCase("only trust lines: the list is left empty, so Spilo's default applies", cluster("patroni: {pg_hba: [\"host all all all trust\"], ttl: 30}"),
                        List.of()),
                new KindCase("nothing to fix", cluster("patroni: {pg_hba: [\"hostssl all all all md5\"]}"), List.of("hostssl all all all md5")));
    }

    /** expected: the pg_hba lines left; the fix says whether it changed anything. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixRemovesTheTrustLinesInTheResource(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new ZalandoPostgresql().enableAuthentication(object);

        List<String> lines = new ArrayList<>();
        object.path("spec").path("patroni").path("pg_hba").forEach(l -> lines.add(l.asText()));
        assertThat(changed).isEqualTo(!object.equals(before));
        assertThat(lines).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", cluster("").replace("acid.zalan.do/v1", "acid.zalan.do/v2"),
                        List.of("apiVersion: acid.zalan.do/v2 is not a version of postgresql that exposure-guard reads (v1)")),
                new KindCase("pg_hba not a list", cluster("patroni: {pg_hba: \"host all all all trust\"}"),
                        List.of("spec.patroni.pg_hba: expected a list, found a string")),
                new KindCase("users as a list", cluster("users: [zalando]"), List.of("spec.users: expected an object, found a list")),
                new KindCase("a user's flags as a string", cluster("users: {zalando: superuser}"),
                        List.of("spec.users.zalando: expected a list, found a string")),
                new KindCase("a flag that is not a boolean", cluster("enableMasterLoadBalancer: \"yes\""),
                        List.of("spec.enableMasterLoadBalancer: expected true or false, found a string")),
                new KindCase("source ranges as one string", cluster("enableMasterLoadBalancer: true\nallowedSourceRanges: 0.0.0.0/0"),
                        List.of("spec.allowedSourceRanges: expected a list, found a string")),
                new KindCase("a negative number of instances", cluster("").replace("numberOfInstances: 2", "numberOfInstances: -1"),
                        List.of("spec.numberOfInstances: expected 0 to 1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    static Stream<KindCase> closingFixes() {
        String trust = "patroni: {pg_hba: [\"host all all 0.0.0.0/0 trust\"]}\n";
        return Stream.of(
                new KindCase("a master load balancer: turn its flag off, or restrict its source ranges",
                        cluster(trust + "enableMasterLoadBalancer: true\nallowedSourceRanges: [0.0.0.0/0]"),
                        List.of("set spec.enableMasterLoadBalancer: false on postgresql db/acid-minimal-cluster, or restrict it with"
                                + " spec.allowedSourceRanges or an internal load-balancer annotation in spec.serviceAnnotations")),
                new KindCase("a replica node port: turn its flag off",
                        cluster(trust + "enableReplicaNodePort: true"),
                        List.of("set spec.enableReplicaNodePort: false on postgresql db/acid-minimal-cluster")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closingFixes")
    void theFixClosesTheServiceThroughTheFlagThatOpenedIt(KindCase c) {
        var findings = io.exposureguard.core.engine.ExposureEngine.standard().evaluate(Manifests.objects(c.yaml())).findings();

        assertThat(findings).filteredOn(f -> f.rule().id().equals("EG-EXP-001")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.remediation()).contains(c.expected().get(0)).doesNotContain(".type: ClusterIP"));
    }

    private static String cluster(String specExtra) {
        return """
                apiVersion: acid.zalan.do/v1
                kind: postgresql
                metadata: {name: acid-minimal-cluster, namespace: db}
                spec:
                  teamId: acid
                  volume: {size: 1Gi}
                  numberOfInstances: 2
                  postgresql: {version: "17"}
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n");
    }
}
