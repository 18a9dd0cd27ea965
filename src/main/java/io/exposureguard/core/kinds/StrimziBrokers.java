package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.CustomResourceReader.ReadContext;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The broker pods of a Strimzi Kafka cluster, grouped as Strimzi runs them: one group per {@code KafkaNodePool} with
 * the broker role (pods {@code <cluster>-<pool>-<node id>}), or, for a v1beta2 Kafka without node pools, the
 * {@code spec.kafka.replicas} brokers {@code <cluster>-kafka-<n>}. Node ids come from a pool's status, else as
 * Strimzi gives them to new pools: the lowest free ids, pools in name order (the {@code strimzi.io/next-node-ids}
 * annotation is not read). The pods' labels are Strimzi's: what its Services and hand-written ones select.
 *
 * @param base    the name prefix of the group's pods and per-broker Services
 * @param nodeIds empty when they cannot be known (the cluster's node pools are not in the input)
 * @param template the pool's {@code spec.template} (or the Kafka's), for per-broker Service annotations
 */
record StrimziBrokers(String description, String base, Map<String, String> labels, List<Integer> nodeIds, Tree template) {

    static final String POOL_KIND = "KafkaNodePool";
    static final String CLUSTER_LABEL = "strimzi.io/cluster";
    /** More brokers than any real cluster runs: a larger count is taken as a mistake, not as that many Services. */
    static final int MAX_BROKERS = 1000;

    StrimziBrokers {
        labels = Map.copyOf(labels);
        nodeIds = List.copyOf(nodeIds);
    }

    /** What every broker pod of the cluster carries: Strimzi's bootstrap Service selector. */
    static Map<String, String> selector(String cluster) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(CLUSTER_LABEL, cluster);
        s.put("strimzi.io/name", cluster + "-kafka");
        s.put("strimzi.io/kind", "Kafka");
        s.put("strimzi.io/broker-role", "true");
        return s;
    }

    static List<StrimziBrokers> of(ObjectRef kafka, Tree root, ReadContext context) {
        String cluster = kafka.name();
        List<Tree> pools = new ArrayList<>(context.objects(kafka.group(), POOL_KIND, kafka.namespace()).stream()
                .filter(p -> cluster.equals(p.map("metadata").stringMap("labels").get(CLUSTER_LABEL))).toList());
        Tree kafkaSpec = root.path("spec", "kafka");
        if (pools.isEmpty()) {
            Map<String, String> labels = selector(cluster);
            if (kafkaSpec.has("replicas") && !"enabled".equals(root.map("metadata").stringMap("annotations").get("strimzi.io/node-pools"))) {
                labels.put("strimzi.io/pool-name", "kafka");
                int replicas = replicas(kafkaSpec);
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    ids.add(i);
                }
                return List.of(new StrimziBrokers("brokers of " + kafka.display(), cluster + "-kafka", labels, ids,
                        kafkaSpec.map("template")));
            }
            return List.of(new StrimziBrokers("brokers of " + kafka.display() + " (its KafkaNodePools are not in the input)",
                    cluster + "-kafka", labels, List.of(), kafkaSpec.map("template")));
        }
        pools.sort(Comparator.comparing(p -> p.map("metadata").string("name").orElse("")));
        Map<Tree, List<Integer>> ids = nodeIds(pools);
        List<StrimziBrokers> out = new ArrayList<>();
        for (Tree pool : pools) {
            String name = pool.map("metadata").string("name").orElse("");
            if (!brokerRole(pool)) {
                continue;
            }
            Map<String, String> labels = selector(cluster);
            labels.put("strimzi.io/pool-name", name);
            out.add(new StrimziBrokers("node pool " + name + " of " + kafka.display(), cluster + "-" + name, labels,
                    ids.getOrDefault(pool, List.of()), safely(() -> pool.path("spec", "template"), Tree.empty("template"))));
        }
        return out;
    }

    /** Checks a pool's fields the way the Kafka reads them (its own input problem when one has the wrong shape). */
    static void check(Tree pool) {
        pool.path("spec").strings("roles");
        replicas(pool.path("spec"));
        pool.path("status").strings("nodeIds").forEach(StrimziBrokers::nodeId);
    }

    /** A pool whose roles cannot be read is taken as a broker pool: it may serve clients. */
    private static boolean brokerRole(Tree pool) {
        return safely(() -> {
            List<String> roles = pool.path("spec").strings("roles");
            return roles.isEmpty() || roles.contains("broker");
        }, true);
    }

    private static Map<Tree, List<Integer>> nodeIds(List<Tree> pools) {
        TreeSet<Integer> used = new TreeSet<>();
        Map<Tree, List<Integer>> out = new java.util.IdentityHashMap<>();
        for (Tree pool : pools) {
            List<Integer> current = safely(() -> pool.path("status").strings("nodeIds").stream().map(StrimziBrokers::nodeId).toList(), List.of());
            if (!current.isEmpty()) {
                used.addAll(current);
                out.put(pool, current);
            }
        }
        for (Tree pool : pools) {
            if (out.containsKey(pool)) {
                continue;
            }
            int replicas = safely(() -> replicas(pool.path("spec")), 0);
            List<Integer> assigned = new ArrayList<>();
            for (int next = 0; assigned.size() < replicas; next++) {
                if (used.add(next)) {
                    assigned.add(next);
                }
            }
            out.put(pool, assigned);
        }
        return out;
    }

    private static int replicas(Tree spec) {
        int replicas = spec.integer("replicas").orElse(0);
        if (replicas < 0 || replicas > MAX_BROKERS) {
            throw new InvalidFieldException(spec.pathText() + ".replicas: expected 0 to " + MAX_BROKERS);
        }
        return replicas;
    }

    private static int nodeId(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("status.nodeIds: expected integers");
        }
    }

    /** A pool field of the wrong shape is the pool's own input problem; here its Kafka is still read. */
    private static <T> T safely(java.util.function.Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (InvalidFieldException e) {
            return fallback;
        }
    }
}
