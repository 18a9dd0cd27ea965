package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strimzi's Kafka with its node pools, read through the inventory as scan and the operator read it: each listener's
 * authentication, the Services Strimzi generates for it, the verdicts they lead to, the own-settings fix, and bad
 * input as a named input problem.
 */
class StrimziKafkaTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    private static final String POOLS = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaNodePool
            metadata: {name: controller, namespace: stream, labels: {strimzi.io/cluster: events}}
            spec: {replicas: 3, roles: [controller]}
            ---
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaNodePool
            metadata: {name: broker, namespace: stream, labels: {strimzi.io/cluster: events}}
            spec: {replicas: 2, roles: [broker]}
            ---
            """;

    static Stream<KindCase> listenerAuth() {
        return Stream.of(
                new KindCase("no authentication: off", kafka("{name: ext, port: 9094, type: nodeport, tls: false}"),
                        List.of("OFF has no authentication, so Strimzi accepts every client")),
                new KindCase("no authentication with tls: still off", kafka("{name: ext, port: 9094, type: loadbalancer, tls: true}"),
                        List.of("OFF tls: true encrypts the connection but identifies no client")),
                new KindCase("scram-sha-512: on", kafka("{name: ext, port: 9094, type: nodeport, tls: false, authentication: {type: scram-sha-512}}"),
                        List.of("ON authentication type scram-sha-512")),
                new KindCase("mutual TLS: on", kafka("{name: ext, port: 9094, type: route, tls: true, authentication: {type: tls}}"),
                        List.of("ON authentication type tls")),
                new KindCase("custom: on", kafka("{name: ext, port: 9094, type: ingress, tls: true, authentication: {type: custom, sasl: true}}"),
                        List.of("ON authentication type custom")),
                new KindCase("an authentication type not known: unknown", kafka("{name: ext, port: 9094, type: nodeport, authentication: {type: kerberos}}"),
                        List.of("UNKNOWN authentication type exposure-guard does not know")),
                new KindCase("each listener its own verdict, one datastore per listener and broker pool", kafka("""
                        {name: plain, port: 9092, type: internal, tls: false}
                        - {name: secure, port: 9093, type: nodeport, tls: true, authentication: {type: tls}}"""),
                        List.of("OFF listener plain (internal, port 9092)", "ON listener secure (nodeport, port 9093)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listenerAuth")
    void everyListenerIsADatastoreWithItsOwnAuthentication(KindCase c) {
        Inventory inventory = build(POOLS + c.yaml());

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.datastores()).extracting(d -> d.auth().state() + " " + String.join(" ", d.auth().facts()))
                .hasSize(c.expected().size())
                .allSatisfy(text -> assertThat(c.expected()).anySatisfy(e -> assertThat(text).startsWith(e.split(" ")[0]).contains(e.substring(e.indexOf(' ') + 1))));
        assertThat(inventory.datastores()).allSatisfy(d -> assertThat(d.podLabels())
                .containsEntry("strimzi.io/cluster", "events").containsEntry("strimzi.io/pool-name", "broker")
                .containsEntry("strimzi.io/broker-role", "true"));
    }

    static Stream<KindCase> services() {
        return Stream.of(
                new KindCase("internal listeners: their always-ClusterIP <cluster>-kafka-bootstrap is left to the real one", kafka("""
                        {name: plain, port: 9092, type: internal, tls: false}
                        - {name: tls, port: 9093, type: internal, tls: true}"""), List.of()),
                new KindCase("a nodeport listener: bootstrap and one per broker of the broker pool, named after the pool", kafka("""
                        {name: ext, port: 9095, type: nodeport, tls: false, configuration: {bootstrap: {nodePort: 32100}, brokers: [{broker: 1, nodePort: 32101}]}}"""),
                        List.of("events-kafka-ext-bootstrap NodePort tcp-ext 9095 node 32100 at spec.kafka.listeners[0]",
                                "events-broker-ext-0 NodePort tcp-ext 9095 at spec.kafka.listeners[0]",
                                "events-broker-ext-1 NodePort tcp-ext 9095 node 32101 at spec.kafka.listeners[0]")),
                new KindCase("a loadbalancer listener keeps its source ranges, class and annotations", kafka("""
                        {name: lb, port: 9094, type: loadbalancer, tls: true, configuration: {loadBalancerSourceRanges: [10.0.0.0/8], controllerClass: internal, bootstrap: {annotations: {a: b}}}}""")
                        .replace("  kafka:\n", "  kafka:\n    template: {perPodService: {metadata: {annotations: {p: q}}}}\n"),
                        List.of("events-kafka-lb-bootstrap LoadBalancer tcp-lb 9094 at spec.kafka.listeners[0] ranges [10.0.0.0/8] class internal annotations {a=b}",
                                "events-broker-lb-0 LoadBalancer tcp-lb 9094 at spec.kafka.listeners[0] ranges [10.0.0.0/8] class internal annotations {p=q}",
                                "events-broker-lb-1 LoadBalancer tcp-lb 9094 at spec.kafka.listeners[0] ranges [10.0.0.0/8] class internal annotations {p=q}")),
                new KindCase("node ids from the pools' status", kafka("{name: ext, port: 9095, type: cluster-ip}"),
                        List.of("events-kafka-ext-bootstrap ClusterIP tcp-ext 9095 at spec.kafka.listeners[0]",
                                "events-broker-ext-7 ClusterIP tcp-ext 9095 at spec.kafka.listeners[0]",
                                "events-broker-ext-9 ClusterIP tcp-ext 9095 at spec.kafka.listeners[0]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void strimzisServicesBelongToTheKafkaAndSelectItsBrokers(KindCase c) {
        String pools = c.name().startsWith("node ids") ? POOLS.replace("roles: [broker]}", "roles: [broker]}\nstatus: {nodeIds: [7, 9]}") : POOLS;

        Inventory inventory = build(pools + c.yaml());

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.services()).extracting(StrimziKafkaTest::describe).containsExactlyElementsOf(c.expected());
        assertThat(inventory.services()).allSatisfy(s -> {
            assertThat(s.owner().display()).isEqualTo("Kafka stream/events");
            assertThat(s.selector()).containsEntry("strimzi.io/cluster", "events").containsEntry("strimzi.io/broker-role", "true");
        });
    }

    /** The Kafka finds its node pools wherever they stand in the input, and only its own (same namespace, its label). */
    @ParameterizedTest(name = "pools first: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void theKafkaFindsItsNodePoolsWhereverTheyStand(boolean poolsFirst) {
        String kafka = kafka("{name: ext, port: 9095, type: nodeport}");
        String others = """
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: other-cluster, namespace: stream, labels: {strimzi.io/cluster: logs}}
                spec: {replicas: 1, roles: [broker]}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: other-namespace, namespace: elsewhere, labels: {strimzi.io/cluster: events}}
                spec: {replicas: 1, roles: [broker]}
                """;

        Inventory inventory = build(poolsFirst ? POOLS + kafka + others : kafka + "---\n" + POOLS + others);

        assertThat(inventory.skipped()).isEmpty();
        assertThat(inventory.datastores()).extracting(d -> d.podLabels().get("strimzi.io/pool-name")).containsExactly("broker");
        assertThat(inventory.services()).extracting(ServiceView::name)
                .containsExactly("events-kafka-ext-bootstrap", "events-broker-ext-0", "events-broker-ext-1");
    }

    static Stream<KindCase> withoutNodePools() {
        return Stream.of(
                new KindCase("v1beta2 with spec.kafka.replicas: <cluster>-kafka-<n>, and the old external listener's names",
                        kafka("{name: external, port: 9094, type: nodeport, tls: false}").replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2")
                                .replace("  kafka:\n", "  kafka:\n    replicas: 2\n"),
                        List.of("events-kafka-external-bootstrap NodePort tcp-external 9094 at spec.kafka.listeners[0]",
                                "events-kafka-0 NodePort tcp-external 9094 at spec.kafka.listeners[0]",
                                "events-kafka-1 NodePort tcp-external 9094 at spec.kafka.listeners[0]")),
                new KindCase("node pools not in the input: the bootstrap Service, on all the cluster's brokers",
                        kafka("{name: ext, port: 9095, type: nodeport, tls: false}"),
                        List.of("events-kafka-ext-bootstrap NodePort tcp-ext 9095 at spec.kafka.listeners[0]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutNodePools")
    void withoutNodePoolsTheBrokersAreStillRead(KindCase c) {
        Inventory inventory = build(c.yaml());

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.services()).extracting(StrimziKafkaTest::describe).containsExactlyElementsOf(c.expected());
        assertThat(inventory.datastores()).singleElement().satisfies(d -> assertThat(d.auth().state()).isEqualTo(AuthState.OFF));
    }

    static Stream<KindCase> verdicts() {
        return Stream.of(
                new KindCase("a nodeport listener without authentication: critical (one finding for the bootstrap and broker Services)",
                        POOLS + kafka("{name: ext, port: 9095, type: nodeport, tls: false}"),
                        List.of("EG-EXP-001 critical")),
                new KindCase("the same listener with scram-sha-512: published but authenticated",
                        POOLS + kafka("{name: ext, port: 9095, type: nodeport, tls: false, authentication: {type: scram-sha-512}}"),
                        List.of("EG-EXP-004 medium")),
                new KindCase("internal listeners only: nothing published", POOLS + kafka("{name: plain, port: 9092, type: internal, tls: false}"),
                        List.of("EG-EXP-003 low")),
                new KindCase("a hand-written NodePort in front of the internal plain listener: critical", POOLS + kafka("""
                        {name: plain, port: 9092, type: internal, tls: false}
                        - {name: ext, port: 9094, type: nodeport, tls: true, authentication: {type: tls}}""") + """
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata: {name: shortcut, namespace: stream}
                        spec: {type: NodePort, selector: {strimzi.io/cluster: events, strimzi.io/kind: Kafka}, ports: [{port: 9092}]}
                        """, List.of("EG-EXP-001 critical", "EG-EXP-004 medium")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theListenersVerdictFollowsItsServices(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> fixes() {
        return Stream.of(
                new KindCase("external listeners without authentication get scram-sha-512; internal and authenticated ones stay", kafka("""
                        {name: plain, port: 9092, type: internal, tls: false}
                        - {name: np, port: 9094, type: nodeport, tls: false}
                        - {name: lb, port: 9095, type: loadbalancer, tls: true, authentication: {type: tls}}
                        - {name: rt, port: 9096, type: route, tls: true}
                        - {name: cip, port: 9097, type: cluster-ip, tls: false}"""), List.of(
                        "plain -", "np scram-sha-512", "lb tls", "rt scram-sha-512", "cip -")),
                new KindCase("nothing to fix", kafka("{name: plain, port: 9092, type: internal, tls: false}"), List.of()));
    }

    /** expected empty: the fix changes nothing and says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theFixAuthenticatesThePublishedListenersInTheKafka(KindCase c) {
        ObjectNode object = JSON.convertValue(JSON.unmarshal(c.yaml(), GenericKubernetesResource.class), ObjectNode.class);
        ObjectNode before = object.deepCopy();

        boolean changed = new StrimziKafka().enableAuthentication(object);

        assertThat(changed).isEqualTo(!c.expected().isEmpty());
        if (c.expected().isEmpty()) {
            assertThat(object).isEqualTo(before);
            return;
        }
        List<String> listeners = new java.util.ArrayList<>();
        object.path("spec").path("kafka").path("listeners").forEach(l -> listeners.add(l.path("name").asText() + " "
                + l.path("authentication").path("type").asText("-")));
        assertThat(listeners).containsExactlyElementsOf(c.expected());
        Inventory fixed = build(POOLS + JSON.asYaml(object));
        assertThat(fixed.datastores()).filteredOn(d -> d.origin().contains("listener np") || d.origin().contains("listener rt"))
                .hasSize(2).allSatisfy(d -> assertThat(d.auth().state()).isEqualTo(AuthState.ON));
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", kafka("{name: ext, port: 9094, type: nodeport}").replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1alpha1"),
                        List.of("Kafka", "apiVersion: kafka.strimzi.io/v1alpha1 is not a version of Kafka that exposure-guard reads (v1, v1beta2)")),
                new KindCase("listeners not a list", kafka("x").replace("    listeners:\n      - x", "    listeners: \"x\""),
                        List.of("Kafka", "spec.kafka.listeners: expected a list, found a string")),
                new KindCase("a listener not an object", kafka("x"), List.of("Kafka", "spec.kafka.listeners[0]: expected an object, found a string")),
                new KindCase("authentication not an object", kafka("{name: ext, port: 9094, type: nodeport, authentication: 5}"),
                        List.of("Kafka", "spec.kafka.listeners[0].authentication: expected an object, found an integer")),
                new KindCase("a listener type Strimzi does not have", kafka("{name: ext, port: 9094, type: public}"),
                        List.of("Kafka", "spec.kafka.listeners[0].type: expected one of internal, cluster-ip, nodeport")),
                new KindCase("a listener without a port", kafka("{name: ext, type: nodeport}"), List.of("Kafka", "spec.kafka.listeners[0].port: missing")),
                new KindCase("a node pool with a mistyped field is its own problem; its Kafka is still read",
                        POOLS.replace("spec: {replicas: 2, roles: [broker]}", "spec: {replicas: many, roles: [broker]}")
                                + kafka("{name: ext, port: 9094, type: nodeport}"),
                        List.of("KafkaNodePool", "spec.replicas: expected an integer, found a string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = build(c.yaml());

        assertThat(inventory.problems()).singleElement().satisfies(p -> {
            assertThat(p.object().kind()).isEqualTo(c.expected().get(0));
            assertThat(p.message()).startsWith(c.expected().get(1)).doesNotContain("Exception");
        });
        if (c.expected().get(0).equals("KafkaNodePool")) {
            assertThat(inventory.datastores()).isNotEmpty().allSatisfy(d -> assertThat(d.auth().state()).isEqualTo(AuthState.OFF));
            assertThat(inventory.services()).extracting(ServiceView::name).contains("events-kafka-ext-bootstrap");
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "nodeport     | set spec.kafka.listeners[0].type: internal on Kafka stream/events (not nodeport)",
            "loadbalancer | set spec.kafka.listeners[0].type: internal on Kafka stream/events (not loadbalancer), or restrict it with"
                    + " spec.kafka.listeners[0].configuration.loadBalancerSourceRanges"})
    void theFixClosesAListenerWithATypeStrimziHas(String type, String fix) {
        var findings = io.exposureguard.core.engine.ExposureEngine.standard()
                .evaluate(Manifests.objects(kafka("{name: ext, port: 9094, type: " + type + ", tls: false}"))).findings();

        assertThat(findings).filteredOn(f -> f.rule().id().equals("EG-EXP-001")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.remediation()).contains(fix).doesNotContain("ClusterIP"));
    }

    // --- fixtures

    /** A Kafka "events" in namespace stream whose listeners are the given YAML flow items. */
    private static String kafka(String listeners) {
        return """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: events, namespace: stream}
                spec:
                  kafka:
                    version: 4.1.0
                    listeners:
                      - %s
                """.formatted(listeners.replace("\n", "\n      "));
    }

    private static Inventory build(String yaml) {
        return BUILDER.build(Manifests.objects(yaml));
    }

    private static String describe(ServiceView s) {
        StringBuilder out = new StringBuilder(s.name() + " " + s.type());
        s.ports().forEach(p -> out.append(" ").append(p.name()).append(" ").append(p.port())
                .append(p.nodePort() > 0 ? " node " + p.nodePort() : ""));
        out.append(" at ").append(s.settingsPath());
        if (!s.loadBalancerSourceRanges().isEmpty()) {
            out.append(" ranges ").append(s.loadBalancerSourceRanges());
        }
        if (s.loadBalancerClass() != null) {
            out.append(" class ").append(s.loadBalancerClass());
        }
        if (!s.annotations().isEmpty()) {
            out.append(" annotations ").append(new java.util.TreeMap<>(s.annotations()));
        }
        return out.toString();
    }

}
