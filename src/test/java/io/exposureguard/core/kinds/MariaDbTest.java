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
 * mariadb-operator's MariaDB, read through the inventory: a generated root password unless rootEmptyPassword, one
 * datastore per pod on the operator's labels, the default, primary and secondary Services and the MaxScale one, and
 * bad input as a named problem. Fixtures follow the operator's examples/manifests.
 */
class MariaDbTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: a generated root password", mariadb(""), List.of("ON which it generates into a Secret")),
                new KindCase("a root password of the user's Secret", mariadb("rootPasswordSecretKeyRef: {name: mariadb, key: root-password}"),
                        List.of("ON sets the root password from spec.rootPasswordSecretKeyRef")),
                new KindCase("rootEmptyPassword false: on", mariadb("rootEmptyPassword: false"), List.of("ON which it generates into a Secret")),
                new KindCase("rootEmptyPassword true: off", mariadb("rootEmptyPassword: true"),
                        List.of("OFF root may log in from any host without a password")),
                new KindCase("the older group reads the same", mariadb("rootEmptyPassword: true").replace("k8s.mariadb.com", "mariadb.mmontes.io"),
                        List.of("OFF MARIADB_ALLOW_EMPTY_ROOT_PASSWORD")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessTheRootPasswordIsEmpty(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> podsAndServices() {
        String pod = "app.kubernetes.io/instance=mariadb,app.kubernetes.io/name=mariadb,statefulset.kubernetes.io/pod-name=mariadb-";
        return Stream.of(
                new KindCase("one pod by default; a ClusterIP Service opens nothing", mariadb("service: {type: ClusterIP}"),
                        List.of("pod " + pod + "0")),
                new KindCase("spec.service as a LoadBalancer with its metadata, ranges and class", mariadb("""
                        inheritMetadata: {annotations: {team: db}}
                        service:
                          type: LoadBalancer
                          metadata: {annotations: {metallb.universe.tf/loadBalancerIPs: 172.18.0.20}}
                          loadBalancerSourceRanges: [10.0.0.0/8]
                          loadBalancerClass: metallb"""),
                        List.of("pod " + pod + "0",
                                "service mariadb LoadBalancer {app.kubernetes.io/instance=mariadb, app.kubernetes.io/name=mariadb} [10.0.0.0/8] metallb"
                                        + " {metallb.universe.tf/loadBalancerIPs=172.18.0.20, team=db} port 3306 at spec.service")),
                new KindCase("without replication or Galera, primaryService makes no Service", mariadb("primaryService: {type: LoadBalancer}"),
                        List.of("pod " + pod + "0")),
                new KindCase("Galera: the primary Service selects the current primary pod, the secondary every pod", """
                        apiVersion: k8s.mariadb.com/v1alpha1
                        kind: MariaDB
                        metadata: {name: mariadb, namespace: db}
                        spec:
                          replicas: 3
                          port: 3307
                          galera: {enabled: true}
                          primaryService: {type: NodePort}
                          secondaryService: {type: LoadBalancer}
                        status: {currentPrimaryPodIndex: 2}
                        """,
                        List.of("pod " + pod + "0", "pod " + pod + "1", "pod " + pod + "2",
                                "service mariadb-primary NodePort {app.kubernetes.io/instance=mariadb, app.kubernetes.io/name=mariadb,"
                                        + " statefulset.kubernetes.io/pod-name=mariadb-2} [] null {} port 3307 at spec.primaryService",
                                "service mariadb-secondary LoadBalancer {app.kubernetes.io/instance=mariadb, app.kubernetes.io/name=mariadb} [] null {}"
                                        + " port 3307 at spec.secondaryService")),
                new KindCase("replication without a status: the primary is pod 0", mariadb("replicas: 2\nreplication: {enabled: true}\nprimaryService: {type: NodePort}"),
                        List.of("pod " + pod + "0", "pod " + pod + "1",
                                "service mariadb-primary NodePort {app.kubernetes.io/instance=mariadb, app.kubernetes.io/name=mariadb,"
                                        + " statefulset.kubernetes.io/pod-name=mariadb-0} [] null {} port 3306 at spec.primaryService")),
                new KindCase("an enabled MaxScale: its pods and its Service on the first listener's port", mariadb("""
                        maxScale:
                          enabled: true
                          services: [{name: rw-router, router: readwritesplit, listener: {port: 3307}}]
                          kubernetesService: {type: LoadBalancer}"""),
                        List.of("pod " + pod + "0", "MaxScale app.kubernetes.io/instance=mariadb-maxscale,app.kubernetes.io/name=maxscale",
                                "service mariadb-maxscale LoadBalancer {app.kubernetes.io/instance=mariadb-maxscale, app.kubernetes.io/name=maxscale}"
                                        + " [] null {} port 3307 at spec.maxScale.kubernetesService")),
                new KindCase("a disabled MaxScale: nothing of it", mariadb("maxScale: {enabled: false, kubernetesService: {type: LoadBalancer}}"),
                        List.of("pod " + pod + "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podsAndServices")
    void thePodsCarryTheOperatorsLabelsAndEachServiceItsTemplatesType(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",")));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " " + s.loadBalancerClass() + " " + new TreeMap<>(s.annotations())
                + " port " + s.ports().get(0).port() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("a generated root password behind a LoadBalancer: published but authenticated",
                        mariadb("service: {type: LoadBalancer}"), List.of("EG-EXP-004 medium")),
                new KindCase("an empty root password behind a LoadBalancer: critical",
                        mariadb("rootEmptyPassword: true\nservice: {type: LoadBalancer}"), List.of("EG-EXP-001 critical")),
                new KindCase("an empty root password behind MaxScale's NodePort: critical, the pods themselves in-cluster only",
                        mariadb("rootEmptyPassword: true\nmaxScale: {enabled: true, kubernetesService: {type: NodePort}}"),
                        List.of("EG-EXP-001 critical", "EG-EXP-003 low")),
                new KindCase("an empty root password, every Service ClusterIP: reachable in the cluster only", mariadb("rootEmptyPassword: true"),
                        List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheRootPasswordAndTheServiceTypes(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", mariadb("").replace("k8s.mariadb.com/v1alpha1", "k8s.mariadb.com/v1"),
                        List.of("apiVersion: k8s.mariadb.com/v1 is not a version of MariaDB that exposure-guard reads (v1alpha1)")),
                new KindCase("rootEmptyPassword not a boolean", mariadb("rootEmptyPassword: \"yes\""),
                        List.of("spec.rootEmptyPassword: expected true or false, found a string")),
                new KindCase("a Service type that is none", mariadb("service: {type: Public}"),
                        List.of("spec.service.type: expected ClusterIP, NodePort or LoadBalancer, found Public")),
                new KindCase("a service template that is not an object", mariadb("service: LoadBalancer"),
                        List.of("spec.service: expected an object, found a string")),
                new KindCase("a negative replica count", mariadb("replicas: -1"), List.of("spec.replicas: expected 0 to 1000")),
                new KindCase("an absurd replica count", mariadb("replicas: 100000000"), List.of("spec.replicas: expected 0 to 1000")),
                new KindCase("a port out of range", mariadb("port: 70000"), List.of("spec.port: expected a port from 1 to 65535, found 70000")),
                new KindCase("a MaxScale listener port out of range", mariadb("maxScale: {enabled: true, services: [{name: rw, listener: {port: 0}}]}"),
                        List.of("spec.maxScale.services[0].listener.port: expected a port from 1 to 65535, found 0")),
                new KindCase("a port that is no number", mariadb("port: mysql"), List.of("spec.port: expected an integer, found a string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec after the image */
    private static String mariadb(String specExtra) {
        return """
                apiVersion: k8s.mariadb.com/v1alpha1
                kind: MariaDB
                metadata: {name: mariadb, namespace: db}
                spec:
                  image: docker-registry1.mariadb.com/library/mariadb:11.4.5
                """ + (specExtra.isEmpty() ? "" : "  " + specExtra.replace("\n", "\n  ") + "\n");
    }
}
