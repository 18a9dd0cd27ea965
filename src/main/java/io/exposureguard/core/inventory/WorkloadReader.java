package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.ControllerLabels;
import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.Map;
import java.util.Optional;

/** Extracts the pod template from every workload kind that runs pods. */
final class WorkloadReader {

    private WorkloadReader() {
    }

    static Optional<PodTemplate> podTemplate(HasMetadata object, ObjectRef ref) {
        if (object instanceof Pod pod) {
            return pod.getSpec() == null ? Optional.empty()
                    : Optional.of(new PodTemplate(ref, labels(pod.getMetadata().getLabels()), pod.getSpec()));
        }
        PodTemplateSpec template = null;
        if (object instanceof Deployment d && d.getSpec() != null) {
            template = d.getSpec().getTemplate();
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            template = s.getSpec().getTemplate();
        } else if (object instanceof DaemonSet ds && ds.getSpec() != null) {
            template = ds.getSpec().getTemplate();
        } else if (object instanceof ReplicaSet rs && rs.getSpec() != null) {
            template = rs.getSpec().getTemplate();
        } else if (object instanceof ReplicationController rc && rc.getSpec() != null) {
            template = rc.getSpec().getTemplate();
        } else if (object instanceof Job j && j.getSpec() != null) {
            template = j.getSpec().getTemplate();
        } else if (object instanceof CronJob cj && cj.getSpec() != null && cj.getSpec().getJobTemplate() != null
                && cj.getSpec().getJobTemplate().getSpec() != null) {
            template = cj.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        if (template == null || template.getSpec() == null) {
            return Optional.empty();
        }
        Map<String, String> labels = template.getMetadata() == null ? Map.of() : labels(template.getMetadata().getLabels());
        return Optional.of(new PodTemplate(ref, labels, template.getSpec()));
    }

    /** The labels the object's controller adds to its pods (a StatefulSet's pod names); none for a bare Pod, a Job. */
    static ControllerLabels controllerLabels(HasMetadata object) {
        if (object instanceof StatefulSet s) {
            var spec = s.getSpec();
            Integer start = spec == null || spec.getOrdinals() == null ? null : spec.getOrdinals().getStart();
            return ControllerLabels.statefulSet(InventoryBuilder.name(s), spec == null ? null : spec.getReplicas(),
                    start == null || start < 0 ? 0 : start);
        }
        if (object instanceof Deployment) {
            return ControllerLabels.deployment();
        }
        return object instanceof DaemonSet ? ControllerLabels.daemonSet() : ControllerLabels.NONE;
    }

    static boolean isWorkload(HasMetadata object) {
        return object instanceof Pod || object instanceof Deployment || object instanceof StatefulSet
                || object instanceof DaemonSet || object instanceof ReplicaSet || object instanceof ReplicationController
                || object instanceof Job || object instanceof CronJob;
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return InventoryBuilder.nzMap(labels);
    }
}
