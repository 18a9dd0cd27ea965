package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Percona's PerconaXtraDBCluster, read through the inventory: always authenticated, one datastore per PXC pod on the
 * operator's labels and the HAProxy or ProxySQL proxies, the per-pod, HAProxy (primary and replicas) and ProxySQL
 * Services typed by their expose blocks, and bad input as a named problem. Fixtures follow the operator's deploy/cr.yaml.
 */
class PerconaXtraDbClusterTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String LABELS = "app.kubernetes.io/instance=cluster1,app.kubernetes.io/managed-by=percona-xtradb-cluster-operator,"
            + "app.kubernetes.io/name=percona-xtradb-cluster,app.kubernetes.io/part-of=percona-xtradb-cluster";

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default Secret", pxc("", ""), List.of("into Secret cluster1-secrets")),
                new KindCase("a named Secret", pxc("secretsName: my-secrets", ""), List.of("into Secret my-secrets")),
                new KindCase("unsafe flags do not concern authentication", pxc("unsafeFlags: {tls: true, pxcSize: true}", "size: 1"),
                        List.of("has no setting that turns authentication off")),
                new KindCase("the older served version reads the same", pxc("", "").replace("pxc.percona.com/v1", "pxc.percona.com/v1-11-0"),
                        List.of("generates the root and system users' passwords")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsAlwaysOn(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.datastores()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.ON);
            assertThat(String.join(" ", d.auth().facts())).contains(c.expected().get(0));
        });
    }

    static Stream<KindCase> podsAndServices() {
        String pod = "pod " + LABELS.replace("app.kubernetes.io/instance", "app.kubernetes.io/component=pxc,app.kubernetes.io/instance")
                + ",statefulset.kubernetes.io/pod-name=cluster1-pxc-";
        String haproxy = "HAProxy " + LABELS.replace("app.kubernetes.io/instance", "app.kubernetes.io/component=haproxy,app.kubernetes.io/instance");
        String haproxySelector = "{app.kubernetes.io/component=haproxy, app.kubernetes.io/instance=cluster1,"
                + " app.kubernetes.io/managed-by=percona-xtradb-cluster-operator, app.kubernetes.io/name=percona-xtradb-cluster,"
                + " app.kubernetes.io/part-of=percona-xtradb-cluster}";
        return Stream.of(
                new KindCase("three PXC pods by default, not exposed", pxc("", "expose: {enabled: false, type: LoadBalancer}"),
                        List.of(pod + "0", pod + "1", pod + "2")),
                new KindCase("pxc.expose: a Service per pod, selected by its pod name", pxc("", "size: 2\n  expose:\n    enabled: true\n"
                        + "    type: LoadBalancer\n    loadBalancerSourceRanges: [10.0.0.0/8]\n    annotations: {a: b}"),
                        List.of(pod + "0", pod + "1",
                                "service cluster1-pxc-0 LoadBalancer {statefulset.kubernetes.io/pod-name=cluster1-pxc-0} [10.0.0.0/8] {a=b} [3306->3306] at spec.pxc.expose",
                                "service cluster1-pxc-1 LoadBalancer {statefulset.kubernetes.io/pod-name=cluster1-pxc-1} [10.0.0.0/8] {a=b} [3306->3306] at spec.pxc.expose")),
                new KindCase("HAProxy exposed: the primary Service with its four ports, the replicas one on by default", pxc("""
                        haproxy:
                          enabled: true
                          size: 2
                          exposePrimary: {type: LoadBalancer}
                          exposeReplicas: {enabled: true, type: NodePort}""", "size: 1"),
                        List.of(pod + "0", haproxy,
                                "service cluster1-haproxy LoadBalancer " + haproxySelector + " [] {} [3306->3306, 3309->3309, 33062->33062, 33060->33060]"
                                        + " at spec.haproxy.exposePrimary",
                                "service cluster1-haproxy-replicas NodePort " + haproxySelector + " [] {} [3306->3307] at spec.haproxy.exposeReplicas")),
                new KindCase("exposeReplicas without enabled: no replicas Service", pxc("""
                        haproxy: {enabled: true, exposeReplicas: {type: LoadBalancer}}""", "size: 1"),
                        List.of(pod + "0", haproxy)),
                new KindCase("HAProxy disabled: nothing of it", pxc("haproxy: {enabled: false, exposePrimary: {type: LoadBalancer}}", "size: 1"),
                        List.of(pod + "0")),
                new KindCase("ProxySQL exposed", pxc("proxysql: {enabled: true, expose: {type: NodePort}}", "size: 1"),
                        List.of(pod + "0", "ProxySQL " + LABELS.replace("app.kubernetes.io/instance", "app.kubernetes.io/component=proxysql,app.kubernetes.io/instance"),
                                "service cluster1-proxysql NodePort " + haproxySelector.replace("haproxy", "proxysql") + " [] {} [3306->3306, 33062->33062]"
                                        + " at spec.proxysql.expose")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podsAndServices")
    void thePodsAndProxiesCarryTheOperatorsLabelsAndEachExposeItsService(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " " + new TreeMap<>(s.annotations()) + " "
                + s.ports().stream().map(p -> p.port() + "->" + p.targetNumber()).toList() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("a PXC pod on a LoadBalancer: published but authenticated",
                        pxc("", "size: 1\n  expose: {enabled: true, type: LoadBalancer}"), List.of("EG-EXP-004 medium")),
                new KindCase("HAProxy on a NodePort: published but authenticated",
                        pxc("haproxy: {enabled: true, size: 1, exposePrimary: {type: NodePort}}", "size: 1"), List.of("EG-EXP-004 medium")),
                new KindCase("nothing exposed: no finding", pxc("haproxy: {enabled: true, size: 1}", "size: 1"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheExposeSettings(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", pxc("", "").replace("pxc.percona.com/v1", "pxc.percona.com/v1-9-0"),
                        List.of("apiVersion: pxc.percona.com/v1-9-0 is not a version of PerconaXtraDBCluster that exposure-guard reads (v1, v1-11-0, v1-10-0)")),
                new KindCase("expose.enabled not a boolean", pxc("", "expose: {enabled: sometimes}"),
                        List.of("spec.pxc.expose.enabled: expected true or false, found a string")),
                new KindCase("an expose type that is none", pxc("", "expose: {enabled: true, type: Internet}"),
                        List.of("spec.pxc.expose.type: expected ClusterIP, NodePort or LoadBalancer, found Internet")),
                new KindCase("haproxy not an object", pxc("haproxy: true", ""), List.of("spec.haproxy: expected an object, found a boolean")),
                new KindCase("a negative size", pxc("", "size: -1"), List.of("spec.pxc.size: expected 0 to 1000")),
                new KindCase("an absurd HAProxy size", pxc("haproxy: {enabled: true, size: 99999}", ""), List.of("spec.haproxy.size: expected 0 to 1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec before pxc; pxcExtra lines of spec.pxc */
    private static String pxc(String specExtra, String pxcExtra) {
        return """
                apiVersion: pxc.percona.com/v1
                kind: PerconaXtraDBCluster
                metadata: {name: cluster1, namespace: db}
                spec:
                  crVersion: 1.20.0
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n") + """
                  pxc:
                    image: percona/percona-xtradb-cluster:8.0.42-33.1
                """ + (pxcExtra.isEmpty() ? "" : "    " + pxcExtra.replace("\n", "\n  ") + "\n");
    }
}
