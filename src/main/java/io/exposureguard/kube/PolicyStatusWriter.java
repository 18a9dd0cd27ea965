package io.exposureguard.kube;

import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicyStatus;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposureExceptionStatus;
import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;

/**
 * Writes each ExposurePolicy's and ExposureException's status, only when it changed, as a patch of a fresh object
 * carrying just the name and the status (never the user's spec).
 */
public final class PolicyStatusWriter {

    private final KubernetesClient client;

    public PolicyStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Patches each named policy's status (the audit cycle's changed statuses), as a fresh object carrying only the name and the status. */
    public void write(Map<String, ExposurePolicyStatus> changed) {
        changed.forEach((name, status) -> {
            ExposurePolicy fresh = new ExposurePolicy();
            fresh.getMetadata().setName(name);
            fresh.setStatus(status);
            client.resources(ExposurePolicy.class).resource(fresh).patchStatus();
        });
    }

    /** Patches each exception's status (the audit cycle's changed ones); one deleted meanwhile is skipped. */
    public void writeExceptions(Map<ObjectRef, ExposureExceptionStatus> changed) {
        changed.forEach((ref, status) -> {
            ExposureException fresh = new ExposureException();
            fresh.getMetadata().setName(ref.name());
            fresh.getMetadata().setNamespace(ref.namespace());
            fresh.setStatus(status);
            try {
                client.resources(ExposureException.class).inNamespace(ref.namespace()).resource(fresh).patchStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        });
    }
}
