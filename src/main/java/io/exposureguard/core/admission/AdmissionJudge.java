package io.exposureguard.core.admission;

import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one incoming object in the context of the cluster, with the same pipeline as the audit and scan:
 * the object replaces its cached version, its namespace is assessed (so the cost follows the namespace,
 * not the cluster), and the decisions that concern the object decide: those about it (as the object a finding
 * is about, or as the datastore behind it), those whose path goes through it (a ClusterIP Service that joins an
 * existing Ingress to a datastore), and those it newly opens (a ConfigMap that turns a datastore's
 * authentication off, a Middleware that loses its basicAuth). An object that merely shares the namespace does
 * not count. {@code deny} refuses with the rule, path, fix and how to ask for an exception ({@link DenialMessage});
 * {@code alert} and {@code fix} allow with warnings ({@link AdmissionWarning}). Pure.
 */
public final class AdmissionJudge {

    private final Assessor assessor;

    public AdmissionJudge(Assessor assessor) {
        this.assessor = assessor;
    }

    public AdmissionVerdict judge(String operation, HasMetadata incoming, ClusterState cluster, String operatorNamespace, Instant now) {
        return judge(operation, incoming, null, cluster, operatorNamespace, now);
    }

    /**
     * As {@link #judge(String, HasMetadata, ClusterState, String, Instant)}; on UPDATE, {@code old} is the
     * stored version. Only exposures the request introduces or makes more severe are denied, compared with the
     * namespace without the object (CREATE) or with its stored version (UPDATE): one that was already there is
     * a warning, so unrelated edits and step-by-step fixes of an object that predates the policy are not
     * blocked (Kyverno's allowExistingViolations does the same); the audit keeps reporting it, and fix mode
     * remediates it. Whatever the order in which the objects of a path are created, the one that completes
     * it is the one denied.
     * <p>
     * On DELETE, {@code old} is the removed object: what its removal opens (a NetworkPolicy that was the only
     * limit on an open datastore) is returned as warnings, never as a refusal, because refusing a deletion
     * would hold up the deletion of a whole namespace; the audit reports it as well.
     */
    public AdmissionVerdict judge(String operation, HasMetadata incoming, HasMetadata old, ClusterState cluster,
                                  String operatorNamespace, Instant now) {
        if ("DELETE".equals(operation) || incoming == null) {
            return deletion(old, cluster, operatorNamespace, now);
        }
        ObjectRef ref = InventoryBuilder.ref(incoming);
        List<Decision> after = reported(incoming, ref, cluster, operatorNamespace, now);
        boolean anyDeny = after.stream().anyMatch(d -> d.action() == Action.DENY);
        List<Decision> before = !anyDeny ? List.of()
                : "UPDATE".equals(operation) && old != null ? reported(old, ref, cluster, operatorNamespace, now)
                : reported(null, ref, cluster, operatorNamespace, now);
        List<Decision> denied = after.stream().filter(d -> d.action() == Action.DENY && !alreadyThere(d, before)).toList();
        List<Decision> concerning = after.stream().filter(d -> d.finding().involves(ref) || denied.contains(d)).toList();
        List<String> warnings = concerning.stream().filter(d -> !denied.contains(d))
                .map(d -> AdmissionWarning.of(d.action() == Action.DENY ? PRE_EXISTING : "", d, ref.namespace())).toList();
        if (!denied.isEmpty()) {
            return new AdmissionVerdict(false, DenialMessage.of("exposure-guard denied " + ref.display(), denied, ref.namespace(), now),
                    warnings);
        }
        return new AdmissionVerdict(true, concerning.isEmpty() ? "no exposure" : "allowed with warnings", warnings);
    }

    public static final String PRE_EXISTING = "already exposed before this update, fix it: ";
    public static final String OPENED_BY_DELETION = "opened by this deletion: ";

    private AdmissionVerdict deletion(HasMetadata removed, ClusterState cluster, String operatorNamespace, Instant now) {
        if (removed == null) {
            return AdmissionVerdict.allow("deletions are always allowed");
        }
        ObjectRef ref = InventoryBuilder.ref(removed);
        List<Decision> after = reported(null, ref, cluster, operatorNamespace, now);
        if (after.isEmpty()) {
            return AdmissionVerdict.allow("deletions are always allowed");
        }
        List<Decision> before = reported(removed, ref, cluster, operatorNamespace, now);
        List<String> warnings = after.stream().filter(d -> !alreadyThere(d, before))
                .map(d -> AdmissionWarning.of(OPENED_BY_DELETION, d, ref.namespace())).toList();
        return new AdmissionVerdict(true, warnings.isEmpty() ? "deletions are always allowed" : "allowed with warnings", warnings);
    }

    /** The same rule on the same object and datastore, at the same or a higher severity, before the update. */
    private static boolean alreadyThere(Decision d, List<Decision> before) {
        Finding f = d.finding();
        return before.stream().map(Decision::finding).anyMatch(b -> b.rule().id().equals(f.rule().id())
                && b.resource().equals(f.resource()) && b.datastore().equals(f.datastore()) && b.severity().atLeast(f.severity()));
    }

    /** The reported decisions about this object, as the object that is exposed or as the datastore behind it. */
    public List<Decision> concerning(HasMetadata incoming, ClusterState cluster, String operatorNamespace, Instant now) {
        ObjectRef ref = InventoryBuilder.ref(incoming);
        return reported(incoming, ref, cluster, operatorNamespace, now).stream()
                .filter(d -> d.finding().resource().equals(ref) || d.finding().datastore().equals(ref))
                .toList();
    }

    /**
     * Every reported decision in the namespace of {@code ref} with {@code version} in place of the cached object
     * of that identity ({@code null}: without it).
     */
    private List<Decision> reported(HasMetadata version, ObjectRef ref, ClusterState cluster, String operatorNamespace, Instant now) {
        // A path stays in its namespace (selectors, Ingress backends) except through entry-side objects (a route
        // elsewhere naming a Gateway, a Traefik middleware of another namespace) and the namespaces where traffic
        // enters (a Gateway's, whose Services say how far it reaches): those come from the whole cluster.
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        namespaces.add(ref.namespace());
        for (HasMetadata o : cluster.objects()) {
            if (ResourceKinds.listener(o.getApiVersion(), o.getKind())) {
                namespaces.add(InventoryBuilder.ref(o).namespace());
            }
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata o : cluster.objects()) {
            ObjectRef other = InventoryBuilder.ref(o);
            if (!other.equals(ref) && (namespaces.contains(other.namespace()) || ResourceKinds.entrySide(o.getApiVersion(), o.getKind()))) {
                objects.add(o);
            }
        }
        if (version != null) {
            objects.add(version);
        }
        return assessor.assess(cluster.withObjects(objects), operatorNamespace, now, java.util.Map.of()).outcome().reported();
    }

    /** The internal CIDRs of the cluster's valid policies. */
    public List<String> internalCidrs(ClusterState cluster) {
        return assessor.internalCidrs(cluster.policies());
    }
}
