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
 * The RabbitMQ cluster operator's RabbitmqCluster, read through the inventory: a generated default user unless the
 * additional configuration makes it guest/guest, the nodes on the operator's labels, the client Service with its
 * AMQP and management ports typed by spec.service and the override, and bad input as a named problem. Fixtures follow
 * the operator's docs/examples.
 */
class RabbitmqClusterTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String GUEST = "rabbitmq:\n  additionalConfig: |\n    default_user = guest\n    default_pass = guest";

    static Stream<KindCase> auth() {
        return Stream.of(
                new KindCase("the default: a generated default user", rabbit(""), List.of("ON a default user of a generated name with a generated password")),
                new KindCase("a user and password of the configuration", rabbit("rabbitmq:\n  additionalConfig: |\n    default_user = admin\n    default_pass = s3cret"),
                        List.of("ON a default user admin (Secret hello-world-default-user)")),
                new KindCase("guest with a generated password: on", rabbit("rabbitmq:\n  additionalConfig: |\n    default_user = guest"),
                        List.of("ON a default user guest with a generated password")),
                new KindCase("guest/guest: off", rabbit(GUEST), List.of("OFF lets in from any address")),
                new KindCase("guest/guest kept to localhost: on", rabbit(GUEST + "\n    loopback_users.guest = true"), List.of("ON keeps it to localhost")),
                new KindCase("a later line wins: guest/guest after a password", rabbit("rabbitmq:\n  additionalConfig: |\n    default_pass = s3cret\n"
                        + "    default_user = guest\n    default_pass = guest"), List.of("OFF guest with password guest")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationIsOnUnlessTheDefaultUserIsGuestFromAnywhere(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        String expected = c.expected().get(0);
        assertThat(inventory.datastores()).singleElement().satisfies(d -> {
            assertThat(d.auth().state()).isEqualTo(AuthState.valueOf(expected.substring(0, expected.indexOf(' '))));
            assertThat(String.join(" ", d.auth().facts())).contains(expected.substring(expected.indexOf(' ') + 1));
        });
    }

    static Stream<KindCase> nodesAndService() {
        String nodes = "nodes app.kubernetes.io/component=rabbitmq,app.kubernetes.io/name=hello-world,app.kubernetes.io/part-of=rabbitmq";
        return Stream.of(
                new KindCase("the default: a ClusterIP Service opens nothing", rabbit(""), List.of(nodes + " [5672, 15672]")),
                new KindCase("spec.service as a LoadBalancer: amqp and management", rabbit("service:\n  type: LoadBalancer\n  annotations: {a: b}"),
                        List.of(nodes + " [5672, 15672]",
                                "service hello-world LoadBalancer {app.kubernetes.io/name=hello-world} [] {a=b} [amqp 5672/0, management 15672/0] at spec.service")),
                new KindCase("TLS adds amqps and management-tls", rabbit("tls: {secretName: tls-secret}\nservice: {type: NodePort}"),
                        List.of(nodes + " [5672, 15672, 5671, 15671]",
                                "service hello-world NodePort {app.kubernetes.io/name=hello-world} [] {} [amqp 5672/0, management 15672/0, amqps 5671/0,"
                                        + " management-tls 15671/0] at spec.service")),
                new KindCase("TLS only", rabbit("tls: {secretName: tls-secret, disableNonTLSListeners: true}\nservice: {type: NodePort}"),
                        List.of(nodes + " [5671, 15671]",
                                "service hello-world NodePort {app.kubernetes.io/name=hello-world} [] {} [amqps 5671/0, management-tls 15671/0] at spec.service")),
                new KindCase("the override's type, ranges and node ports win", rabbit("""
                        service: {type: ClusterIP}
                        override:
                          service:
                            metadata: {annotations: {c: d}}
                            spec:
                              type: LoadBalancer
                              loadBalancerSourceRanges: [10.0.0.0/8]
                              ports: [{name: amqp, port: 5672, nodePort: 30672}]"""),
                        List.of(nodes + " [5672, 15672]",
                                "service hello-world LoadBalancer {app.kubernetes.io/name=hello-world} [10.0.0.0/8] {c=d} [amqp 5672/30672, management 15672/0]"
                                        + " at spec.override.service.spec")),
                new KindCase("no replicas: no nodes", rabbit("replicas: 0"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodesAndService")
    void theNodesCarryTheOperatorsLabelsAndTheServiceItsPorts(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        List<String> actual = new ArrayList<>();
        inventory.datastores().forEach(d -> actual.add(d.origin().split(" ")[0] + " " + new TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",") + " " + d.ports().stream().map(p -> p.number()).toList()));
        inventory.services().forEach(s -> actual.add("service " + s.name() + " " + s.type() + " " + new TreeMap<>(s.selector())
                + " " + s.loadBalancerSourceRanges() + " " + new TreeMap<>(s.annotations()) + " "
                + s.ports().stream().map(p -> p.name() + " " + p.port() + "/" + p.nodePort()).toList() + " at " + s.settingsPath()));
        assertThat(inventory.problems()).isEmpty();
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("a generated user behind a LoadBalancer: published but authenticated", rabbit("service: {type: LoadBalancer}"),
                        List.of("EG-EXP-004 medium")),
                new KindCase("guest/guest behind a LoadBalancer: critical", rabbit(GUEST + "\nservice: {type: LoadBalancer}"),
                        List.of("EG-EXP-001 critical")),
                new KindCase("guest/guest on ClusterIP: reachable in the cluster only", rabbit(GUEST), List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsTheDefaultUserAndTheServiceType(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", rabbit("").replace("rabbitmq.com/v1beta1", "rabbitmq.com/v1"),
                        List.of("apiVersion: rabbitmq.com/v1 is not a version of RabbitmqCluster that exposure-guard reads (v1beta1)")),
                new KindCase("a Service type that is none", rabbit("service: {type: External}"),
                        List.of("spec.service.type: expected ClusterIP, NodePort or LoadBalancer, found External")),
                new KindCase("an override type that is none", rabbit("override: {service: {spec: {type: ExternalName}}}"),
                        List.of("spec.override.service.spec.type: expected ClusterIP, NodePort or LoadBalancer, found ExternalName")),
                new KindCase("additionalConfig not text", rabbit("rabbitmq: {additionalConfig: {default_user: guest}}"),
                        List.of("spec.rabbitmq.additionalConfig: expected a string, found an object")),
                new KindCase("disableNonTLSListeners not a boolean", rabbit("tls: {secretName: s, disableNonTLSListeners: maybe}"),
                        List.of("spec.tls.disableNonTLSListeners: expected true or false, found a string")),
                new KindCase("a negative replica count", rabbit("replicas: -3"), List.of("spec.replicas: expected 0 to 1000")),
                new KindCase("an absurd replica count", rabbit("replicas: 2000000"), List.of("spec.replicas: expected 0 to 1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
    }

    /** @param specExtra lines of spec */
    private static String rabbit(String specExtra) {
        return """
                apiVersion: rabbitmq.com/v1beta1
                kind: RabbitmqCluster
                metadata: {name: hello-world, namespace: mq}
                spec:
                """ + (specExtra.isEmpty() ? "  replicas: 1\n" : "  " + specExtra.replace("\n", "\n  ") + "\n");
    }
}
