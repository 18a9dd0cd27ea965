package io.exposureguard.core.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Whether an update can change a verdict: it cannot when the two versions are the same once made lean (what the cache
 * keeps and the engine reads) and their resourceVersion is set aside. A Pod's or workload's status, managedFields, a
 * resync: no audit. Anything the engine reads (spec, labels, annotations, a Service's load balancer status, a
 * ConfigMap's kept data): an audit. Pure; neither object is changed.
 */
public final class VerdictNeutralUpdates {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final LeanObjects lean;

    public VerdictNeutralUpdates(LeanObjects lean) {
        this.lean = lean;
    }

    public boolean neutral(HasMetadata before, HasMetadata after) {
        if (before == null || after == null || before.getClass() != after.getClass()) {
            return false;
        }
        return kept(before).equals(kept(after));
    }

    private JsonNode kept(HasMetadata o) {
        JsonNode tree = JSON.convertValue(lean.lean(JSON.clone(o)), JsonNode.class);
        if (tree.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return tree;
    }
}
