package io.exposureguard.core.remediation;


import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses, for each object with {@code fix} findings, the least disruptive action that closes them: the
 * verified patch {@link ObjectFixer} computes on the object that owns the setting (an ECK resource, never
 * its generated Service; the Service; the Ingress), else a quarantine NetworkPolicy for the datastore, else
 * an explanation of why nothing automatic is safe. Also lifts quarantines whose exposure is gone, but only its
 * own (signature verified) and only where a policy says fix. Pure: the cluster, the ledger's view, the seal and
 * the time come in, steps go out.
 */
public final class RemediationPlanner {

    public static final String OPT_OUT_ANNOTATION = io.exposureguard.core.policy.RemediationFacts.OPT_OUT_ANNOTATION;
    public static final String REMEDIATED_AT_ANNOTATION = "exposureguard.io/remediated-at";
    /** Findings about reachability inside the cluster: a quarantine admits in-cluster pods, so cannot close them. */
    static final Set<String> IN_CLUSTER_RULES = Set.of("EG-EXP-003");

    private final ObjectFixer fixer;

    public RemediationPlanner(ObjectFixer fixer) {
        this.fixer = fixer;
    }

    /** The ledger's view of one target, as the planner needs it (a function, so the planner stays pure). */
    public interface History {
        RemediationLedger.State state(ObjectRef target, String cachedVersion, Instant remediatedAt);
    }

    /**
     * The steps for one audit. {@code seal} proves which quarantines are ours (empty: the key is not loaded, so no
     * quarantine is created or lifted); {@code fixNamespaces} says where remediation may act at all.
     */
    public List<RemediationStep> plan(List<Decision> reported, ClusterState cluster, Inventory inventory, String operatorNamespace,
                                      List<String> allowedCidrs, History history, Optional<QuarantineSeal> seal,
                                      Predicate<String> fixNamespaces, Instant now) {
        Map<ObjectRef, List<Decision>> byTarget = new LinkedHashMap<>();
        reported.stream().filter(d -> d.action() == Action.FIX && d.exceptedBy().isEmpty())
                .forEach(d -> byTarget.computeIfAbsent(d.finding().resource(), k -> new ArrayList<>()).add(d));
        // Indexed only when something is to be fixed: most audits have no fix finding at all.
        Map<ObjectRef, HasMetadata> objects = byTarget.isEmpty() ? Map.of() : cluster.objects().stream()
                .collect(Collectors.toMap(InventoryBuilder::ref, Function.identity(), (a, b) -> a));
        List<RemediationStep> steps = new ArrayList<>();
        Map<String, RemediationStep.Quarantine> quarantines = new LinkedHashMap<>();
        for (Map.Entry<ObjectRef, List<Decision>> e : byTarget.entrySet()) {
            ObjectRef target = e.getKey();
            List<Decision> decisions = e.getValue();
            HasMetadata object = objects.get(target);
            if (object == null || operatorNamespace.equals(target.namespace())) {
                continue;
            }
            if ("disabled".equalsIgnoreCase(annotation(object, OPT_OUT_ANNOTATION))) {
                steps.add(new RemediationStep.OptedOut(target, decisions));
                continue;
            }
            RemediationLedger.State state = history.state(target, object.getMetadata().getResourceVersion(),
                    remediatedAt(object));
            if (state == RemediationLedger.State.PENDING) {
                steps.add(new RemediationStep.Pending(target, decisions));
                continue;
            }
            RemediationStep.Cause why;
            if (state == RemediationLedger.State.REVERTED) {
                why = RemediationStep.Cause.REVERTED;
            } else if (prefersQuarantine(decisions, cluster)) {
                why = RemediationStep.Cause.PREFERRED;
            } else {
                ObjectFixer.Outcome outcome = fixer.fix(object, cluster, operatorNamespace, now);
                if (outcome.changed() && outcome.complete()) {
                    steps.add(new RemediationStep.Patch(target, object, outcome, decisions));
                    continue;
                }
                why = RemediationStep.Cause.NO_SAFE_PATCH;
            }
            quarantine(target, decisions, inventory, cluster.objects(), allowedCidrs, why, seal, quarantines, steps);
        }
        steps.addAll(quarantines.values());
        if (seal.isPresent()) {
            // A quarantine stays while its datastore has a fix finding a quarantine contains, whatever this audit
            // did about it (opted out, patch pending, no exact selector any more): an opt-out annotation stops new
            // remediation but never lifts a quarantine; only the exposure going away (fixed, excepted by an
            // approved exception, or no longer fix per policy) does.
            Set<String> held = byTarget.values().stream().flatMap(List::stream)
                    .filter(d -> !IN_CLUSTER_RULES.contains(d.finding().rule().id()))
                    .map(d -> QuarantinePolicies.key(d.finding().datastore())).collect(Collectors.toSet());
            for (HasMetadata o : cluster.objects()) {
                if (o instanceof NetworkPolicy np && QuarantinePolicies.isOurs(np, seal.get())
                        && fixNamespaces.test(np.getMetadata().getNamespace())
                        && !quarantines.containsKey(key(np)) && !held.contains(key(np))) {
                    steps.add(new RemediationStep.Lift(InventoryBuilder.ref(np), np, List.of()));
                }
            }
        }
        return steps;
    }

    /** A path through a router (Ingress, Gateway route): traffic reaches the datastore from the router's pods. */
    private static boolean throughProxy(Decision d) {
        return d.finding().path().stream().anyMatch(h -> h.kind() == io.exposureguard.core.model.Hop.Kind.ENTRY_ROUTE);
    }

    private static void quarantine(ObjectRef target, List<Decision> decisions, Inventory inventory, List<HasMetadata> objects,
                                   List<String> allowedCidrs, RemediationStep.Cause why, Optional<QuarantineSeal> seal,
                                   Map<String, RemediationStep.Quarantine> quarantines, List<RemediationStep> steps) {
        Map<ObjectRef, List<Decision>> byDatastore = decisions.stream()
                .collect(Collectors.groupingBy(d -> d.finding().datastore(), LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<ObjectRef, List<Decision>> e : byDatastore.entrySet()) {
            List<Datastore> records = inventory.datastores().stream().filter(d -> d.ref().equals(e.getKey())).toList();
            List<Decision> external = e.getValue().stream()
                    .filter(d -> !IN_CLUSTER_RULES.contains(d.finding().rule().id())).toList();
            if (external.isEmpty()) {
                steps.add(new RemediationStep.NotPossible(target, "reachable only inside the cluster: a quarantine admits"
                        + " in-cluster pods, so only turning authentication on (or a NetworkPolicy naming its clients) closes it",
                        e.getValue()));
                continue;
            }
            if (external.stream().allMatch(RemediationPlanner::throughProxy)) {
                steps.add(new RemediationStep.NotPossible(target, "reached through a proxy in the cluster (an Ingress"
                        + " controller, a Gateway): a quarantine admits in-cluster pods, and the proxy is one, so only removing"
                        + " the route to the datastore's Service or turning authentication on closes it", e.getValue()));
                continue;
            }
            if (records.isEmpty() || records.stream().allMatch(d -> d.podLabels().isEmpty())) {
                steps.add(new RemediationStep.NotPossible(target, "the datastore's pods have no labels a NetworkPolicy could select",
                        e.getValue()));
                continue;
            }
            if (records.stream().anyMatch(Datastore::hostNetwork)) {
                steps.add(new RemediationStep.NotPossible(target, "pods with hostNetwork: true are not subject to NetworkPolicy:"
                        + " remove hostNetwork (or stop the workload)", e.getValue()));
                continue;
            }
            if (seal.isEmpty()) {
                steps.add(new RemediationStep.NotPossible(target, "exposure-guard's quarantine key (Secret "
                        + QuarantineSeal.KEY_SECRET + " in its namespace) could not be loaded, so it cannot sign a quarantine;"
                        + " see the operator log", e.getValue()));
                continue;
            }
            QuarantineSelector.Result selector = QuarantineSelector.narrowest(e.getKey(), inventory.datastores(), objects);
            if (selector instanceof QuarantineSelector.Impossible impossible) {
                steps.add(new RemediationStep.NotPossible(target, impossible.reason(), e.getValue()));
                continue;
            }
            List<String> rules = external.stream().map(d -> d.finding().rule().id()).distinct().sorted().toList();
            NetworkPolicy policy = QuarantinePolicies.forDatastore(e.getKey(), ((QuarantineSelector.Exact) selector).matchLabels(),
                    allowedCidrs, rules, why.why(target), seal.get());
            quarantines.merge(key(policy), new RemediationStep.Quarantine(target, policy, why, external), (a, b) -> a);
        }
    }

    private static boolean prefersQuarantine(List<Decision> decisions, ClusterState cluster) {
        Set<String> names = decisions.stream().flatMap(d -> d.policy().stream()).collect(Collectors.toSet());
        return cluster.policies().stream().filter(p -> p.getMetadata() != null && names.contains(p.getMetadata().getName()))
                .map(ExposurePolicy::getSpec).filter(Objects::nonNull).map(s -> s.getRemediation()).filter(Objects::nonNull)
                .anyMatch(r -> r.isPreferQuarantine());
    }

    private static String key(NetworkPolicy np) {
        return np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
    }

    private static String annotation(HasMetadata o, String key) {
        return o.getMetadata().getAnnotations() == null ? null : o.getMetadata().getAnnotations().get(key);
    }

    private static Instant remediatedAt(HasMetadata o) {
        String value = annotation(o, REMEDIATED_AT_ANNOTATION);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
