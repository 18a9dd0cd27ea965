package io.exposureguard.kube;

import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicyStatus;
import io.exposureguard.core.policy.PolicyOutcome;
import io.exposureguard.core.policy.PolicyStatusAggregator;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Instant;
import java.util.List;

/**
 * Writes each ExposurePolicy's status, only when it changed, as a patch of a fresh object carrying just
 * the name and the status (never the user's spec).
 */
public final class PolicyStatusWriter {

    private final KubernetesClient client;
    private final PolicyStatusAggregator aggregator = new PolicyStatusAggregator();
    private final KubernetesSerialization json = new KubernetesSerialization();

    public PolicyStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    public void write(List<ExposurePolicy> policies, PolicyOutcome outcome, Instant now) {
        for (ExposurePolicy p : policies) {
            String name = p.getMetadata().getName();
            ExposurePolicyStatus status = aggregator.aggregate(p.getStatus(), p.getMetadata().getGeneration(), name,
                    outcome.policyProblems().getOrDefault(ObjectRef.of("ExposurePolicy", null, name), List.of()),
                    outcome.decisions(), now);
            // Compared as JSON trees: the API server returns map keys in its own order, so text would always differ.
            if (p.getStatus() != null && json.convertValue(p.getStatus(), JsonNode.class).equals(json.convertValue(status, JsonNode.class))) {
                continue;
            }
            ExposurePolicy fresh = new ExposurePolicy();
            fresh.getMetadata().setName(name);
            fresh.setStatus(status);
            client.resources(ExposurePolicy.class).resource(fresh).patchStatus();
        }
    }
}
