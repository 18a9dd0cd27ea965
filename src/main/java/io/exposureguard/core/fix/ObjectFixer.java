package io.exposureguard.core.fix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.RemediationSpec;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The least change that closes an object's {@code fix} findings, judged in its cluster context: first the
 * datastore's own authentication is turned back on; if the object is still exposed, its entry is closed as
 * the governing policy prefers; the result is judged again. Shared by the mutating webhook (new objects)
 * and remediation (objects already in the cluster), so both make the same change. Pure.
 */
public final class ObjectFixer {

    private final AdmissionJudge judge;
    private final ExposureFixer fixer = new ExposureFixer();
    private final KubernetesSerialization json = new KubernetesSerialization();

    public ObjectFixer(AdmissionJudge judge) {
        this.judge = judge;
    }

    /**
     * @param fixes     the fix decisions concerning the object before the change
     * @param remaining the fix decisions still concerning the fixed object (empty: the fix is complete)
     */
    public record Outcome(ObjectNode original, ObjectNode fixed, List<Decision> fixes, List<Decision> remaining) {

        public boolean changed() {
            return !original.equals(fixed);
        }

        public boolean complete() {
            return remaining.isEmpty();
        }
    }

    public Outcome fix(HasMetadata object, ClusterState cluster, String operatorNamespace, Instant now) {
        ObjectNode original = json.convertValue(object, ObjectNode.class);
        List<Decision> fixes = fixable(judge.concerning(object, cluster, operatorNamespace, now));
        if (fixes.isEmpty()) {
            return new Outcome(original, original, fixes, fixes);
        }
        ObjectNode fixed = original.deepCopy();
        List<Decision> remaining = fixes;
        if (fixer.enableAuthentication(fixed)) {
            remaining = fixable(judge.concerning(toObject(fixed), cluster, operatorNamespace, now));
        }
        if (!remaining.isEmpty() && fixer.closeEntry(fixed, closing(remaining, cluster))) {
            remaining = fixable(judge.concerning(toObject(fixed), cluster, operatorNamespace, now));
        }
        return new Outcome(original, fixed, fixes, remaining);
    }

    /** Records the fixed rules on the object ({@link ExposureFixer#ANNOTATION}). */
    public void annotate(ObjectNode object, List<Decision> fixed) {
        fixer.annotate(object, fixed.stream().map(d -> d.finding().rule().id()).distinct().sorted().toList());
    }

    public HasMetadata toObject(ObjectNode tree) {
        return (HasMetadata) json.convertValue(tree, KubernetesResource.class);
    }

    /** The governing policy's closing preference, with the CIDRs every valid policy allows. */
    private EntryClosing closing(List<Decision> remaining, ClusterState cluster) {
        String policyName = remaining.get(0).policy().orElse(null);
        RemediationSpec spec = cluster.policies().stream()
                .filter(p -> p.getMetadata() != null && Objects.equals(p.getMetadata().getName(), policyName))
                .map(ExposurePolicy::getSpec).filter(Objects::nonNull).map(s -> s.getRemediation())
                .findFirst().orElse(new RemediationSpec());
        return EntryClosing.of(spec, judge.internalCidrs(cluster)).withDatastoreServices(services(remaining));
    }

    /** "namespace/name" of every Service on the decisions' paths (entry Services and Services behind a router). */
    private static Set<String> services(List<Decision> decisions) {
        return decisions.stream().flatMap(d -> d.finding().path().stream()).filter(h -> h.kind().service())
                .map(h -> h.ref().namespace() + "/" + h.ref().name()).collect(Collectors.toSet());
    }

    private static List<Decision> fixable(List<Decision> decisions) {
        return decisions.stream().filter(d -> d.action() == Action.FIX).toList();
    }
}
