package io.exposureguard.core.remediation;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pod selector of a quarantine: the smallest set of the labels every pod of the datastore carries that selects
 * none of the other pods of its namespace, judged against what the cache holds. "Pods" are Pod objects and the pod
 * templates of workloads and recognised datastores (a template stands for pods not running yet, or not cached). A
 * pod belongs to the datastore when it is the datastore's own template or its owner references lead to the
 * datastore (Pod, ReplicaSet, Deployment; Pod, StatefulSet, Elasticsearch).
 *
 * <p>Greedy: repeatedly take the common label that leaves the fewest other pods selected (ties by label key), until
 * none is left. When every common label together still selects another pod, no selector is exact and the answer
 * says which pods share the labels: a quarantine must never silently cut off pods that are not the datastore's.
 * Pure: the datastore, the inventory's datastores and the cached objects come in.
 */
public final class QuarantineSelector {

    private QuarantineSelector() {
    }

    /** The selector, or why there is none. */
    public sealed interface Result {
    }

    public record Exact(Map<String, String> matchLabels) implements Result {
    }

    public record Impossible(String reason) implements Result {
    }

    private record Pods(String display, Map<String, String> labels) {
    }

    public static Result narrowest(ObjectRef datastore, List<Datastore> datastores, List<? extends HasMetadata> objects) {
        String ns = datastore.namespace();
        List<Map<String, String>> own = new ArrayList<>();
        List<Pods> others = new ArrayList<>();
        for (Datastore d : datastores) {
            if (ns.equals(d.namespace())) {
                if (d.ref().equals(datastore)) {
                    own.add(d.podLabels());
                } else {
                    others.add(new Pods(d.describe(), d.podLabels()));
                }
            }
        }
        Ownership ownership = new Ownership(ns, objects);
        for (HasMetadata o : objects) {
            if (!ns.equals(InventoryBuilder.ref(o).namespace())) {
                continue;
            }
            Optional<Map<String, String>> labels = InventoryBuilder.podLabels(o);
            if (labels.isEmpty()) {
                continue;
            }
            if (ownership.belongsTo(o, datastore)) {
                own.add(labels.get());
            } else {
                others.add(new Pods(InventoryBuilder.ref(o).display(), labels.get()));
            }
        }
        Map<String, String> common = common(own);
        if (common.isEmpty()) {
            return new Impossible("the datastore's pods have no labels in common that a NetworkPolicy could select");
        }
        Map<String, String> chosen = new TreeMap<>();
        List<Pods> remaining = others;
        do {
            Map.Entry<String, String> best = null;
            List<Pods> bestRemaining = null;
            for (Map.Entry<String, String> candidate : common.entrySet()) {
                if (chosen.containsKey(candidate.getKey())) {
                    continue;
                }
                List<Pods> left = remaining.stream().filter(p -> candidate.getValue().equals(p.labels().get(candidate.getKey()))).toList();
                if (best == null || left.size() < bestRemaining.size()) {
                    best = candidate;
                    bestRemaining = left;
                }
            }
            if (best == null || (!chosen.isEmpty() && bestRemaining.size() == remaining.size())) {
                break;
            }
            chosen.put(best.getKey(), best.getValue());
            remaining = bestRemaining;
        } while (!remaining.isEmpty());
        if (!remaining.isEmpty()) {
            return new Impossible("no pod selector selects only the datastore's pods: the labels they all carry ("
                    + common.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                    + ") are also on the pods of " + remaining.stream().map(Pods::display).distinct().sorted()
                    .collect(Collectors.joining(", ")) + "; give the datastore's pods a label of their own");
        }
        return new Exact(Map.copyOf(chosen));
    }

    /** The label entries every label set has, sorted by key. */
    private static Map<String, String> common(List<Map<String, String>> sets) {
        if (sets.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new TreeMap<>(sets.get(0));
        for (Map<String, String> s : sets.subList(1, sets.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(s.get(e.getKey())));
        }
        return common;
    }

    /** Owner references inside one namespace, followed up to the top (cycles stop). */
    private static final class Ownership {
        private final Map<String, List<OwnerReference>> owners = new HashMap<>();

        Ownership(String ns, List<? extends HasMetadata> objects) {
            for (HasMetadata o : objects) {
                ObjectRef ref = InventoryBuilder.ref(o);
                if (ns.equals(ref.namespace()) && o.getMetadata() != null && o.getMetadata().getOwnerReferences() != null) {
                    owners.put(key(ref.kind(), ref.name()), o.getMetadata().getOwnerReferences());
                }
            }
        }

        boolean belongsTo(HasMetadata o, ObjectRef datastore) {
            ObjectRef ref = InventoryBuilder.ref(o);
            String target = key(datastore.kind(), datastore.name());
            Set<String> seen = new HashSet<>();
            List<String> next = new ArrayList<>(List.of(key(ref.kind(), ref.name())));
            while (!next.isEmpty()) {
                String k = next.remove(next.size() - 1);
                if (k.equals(target)) {
                    return true;
                }
                if (seen.add(k)) {
                    for (OwnerReference r : owners.getOrDefault(k, List.of())) {
                        next.add(key(r.getKind(), r.getName()));
                    }
                }
            }
            return false;
        }

        private static String key(String kind, String name) {
            return kind + "/" + name;
        }
    }
}
