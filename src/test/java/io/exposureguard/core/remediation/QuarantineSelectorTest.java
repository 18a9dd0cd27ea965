package io.exposureguard.core.remediation;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The quarantine selects the datastore's pods and no other pod of the namespace, with as few labels as it can. */
class QuarantineSelectorTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final ObjectRef QUEUE = ObjectRef.of("Deployment", "shop", "queue");

    static HasMetadata deployment(String ns, String name, String labels, String image) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s}
                spec:
                  selector: {matchLabels: %s}
                  template:
                    metadata: {labels: %s}
                    spec: {containers: [{name: c, image: "%s", ports: [{containerPort: 6379, hostPort: 6379}]}]}
                """.formatted(name, ns, labels, labels, image));
    }

    static HasMetadata pod(String ns, String name, String labels, String owner) {
        return YAML.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s, labels: %s%s}
                spec: {containers: [{name: c, image: "nginx:1.27"}]}
                """.formatted(name, ns, labels, owner == null ? "" : ", ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: "
                + owner + ", uid: u1}]"));
    }

    static HasMetadata replicaSet(String ns, String name, String labels, String deployment) {
        return replicaSet(ns, name, labels, "Deployment", deployment);
    }

    static HasMetadata replicaSet(String ns, String name, String labels, String ownerKind, String owner) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: %s
                  namespace: %s
                  ownerReferences: [{apiVersion: apps/v1, kind: %s, name: %s, uid: u2}]
                spec:
                  selector: {matchLabels: %s}
                  template:
                    metadata: {labels: %s}
                    spec: {containers: [{name: c, image: "redis:7.2"}]}
                """.formatted(name, ns, ownerKind, owner, labels, labels));
    }

    private static QuarantineSelector.Result narrowest(List<HasMetadata> objects) {
        Inventory inventory = ExposureEngine.standard().inventory(objects, List.of());
        return QuarantineSelector.narrowest(QUEUE, inventory.datastores(), objects);
    }

    private static List<HasMetadata> withQueue(String queueLabels, HasMetadata... others) {
        List<HasMetadata> objects = new ArrayList<>(List.of(deployment("shop", "queue", queueLabels, "redis:7.2")));
        objects.addAll(List.of(others));
        return objects;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alone in its namespace: one label          | {app: queue, tier: data}                                         | other {app: web, tier: front}                                    | {app=queue}
            a web pod shares part-of: the name label   | {app.kubernetes.io/part-of: shop, app.kubernetes.io/name: queue} | shop {app.kubernetes.io/part-of: shop, app.kubernetes.io/name: web} | {app.kubernetes.io/name=queue}
            each label alone selects another pod: both | {tier: data, team: a}                                            | shop {tier: data, team: b}; shop {tier: batch, team: a}          | {team=a, tier=data}
            """)
    void theSelectorIsTheSmallestSetOfTheDatastoresLabelsThatSelectsNoOtherPod(String description, String queueLabels, String otherPods,
                                                                                String expected) {
        List<HasMetadata> objects = withQueue(queueLabels);
        String[] pods = otherPods.split(";");
        for (int i = 0; i < pods.length; i++) {
            String[] nsAndLabels = pods[i].trim().split(" ", 2);
            objects.add(pod(nsAndLabels[0], "other-" + i, nsAndLabels[1], null));
        }

        assertThat(narrowest(objects)).isInstanceOfSatisfying(QuarantineSelector.Exact.class,
                exact -> assertThat(new java.util.TreeMap<>(exact.matchLabels()).toString()).isEqualTo(expected));
    }

    @Test
    void theDatastoresOwnPodsAndReplicaSetsAreNotOtherPodsEvenWithExtraLabels() {
        List<HasMetadata> objects = withQueue("{app: queue}",
                replicaSet("shop", "queue-7d4f", "{app: queue, pod-template-hash: 7d4f}", "queue"),
                pod("shop", "queue-7d4f-x1", "{app: queue, pod-template-hash: 7d4f}", "queue-7d4f"));

        assertThat(narrowest(objects)).isEqualTo(new QuarantineSelector.Exact(Map.of("app", "queue")));
    }

    @Test
    void whenEveryLabelOfTheDatastoreIsOnAnotherPodNoSelectorIsExactAndTheAnswerNamesThatPod() {
        List<HasMetadata> objects = withQueue("{app.kubernetes.io/part-of: shop}",
                pod("shop", "web", "{app.kubernetes.io/part-of: shop, app: web}", null));

        assertThat(narrowest(objects)).isEqualTo(new QuarantineSelector.Impossible("no pod selector selects only the datastore's"
                + " pods: the labels they all carry (app.kubernetes.io/part-of=shop) are also on the pods of Pod shop/web;"
                + " give the datastore's pods a label of their own"));
    }

    @Test
    void aPodClaimingTheDatastoresLabelsWithoutBeingItsOwnMakesTheSelectorImpossible() {
        List<HasMetadata> objects = withQueue("{app: queue}", pod("shop", "impostor", "{app: queue, role: web}", null));

        assertThat(narrowest(objects)).isInstanceOf(QuarantineSelector.Impossible.class);
    }

    @Test
    void ownerReferencesInACycleEndTheSearch() {
        List<HasMetadata> objects = withQueue("{app: queue}",
                replicaSet("shop", "loop", "{app: other}", "ReplicaSet", "loop2"),
                replicaSet("shop", "loop2", "{app: other2}", "ReplicaSet", "loop"));

        assertThat(narrowest(objects)).isEqualTo(new QuarantineSelector.Exact(Map.of("app", "queue")));
    }
}
