package io.exposureguard.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;

/**
 * The third-party custom resources the engine reads. Their CRDs may be absent; the cache starts an
 * informer for each once its CRD exists, and checks again at every audit, so installing ECK later needs
 * no restart.
 */
public final class CustomResourceKinds {

    private CustomResourceKinds() {
    }

    static final List<ResourceDefinitionContext> ALL = List.of(
            ctx("elasticsearch.k8s.elastic.co", "v1", "Elasticsearch", "elasticsearches"),
            ctx("kibana.k8s.elastic.co", "v1", "Kibana", "kibanas"),
            ctx("opensearch.opster.io", "v1", "OpenSearchCluster", "opensearchclusters"),
            ctx("opensearch.org", "v1", "OpenSearchCluster", "opensearchclusters"),
            ctx("traefik.io", "v1alpha1", "Middleware", "middlewares"),
            ctx("traefik.containo.us", "v1alpha1", "Middleware", "middlewares"));

    static final ResourceDefinitionContext POLICY_REPORT = ctx("wgpolicyk8s.io", "v1alpha2", "PolicyReport", "policyreports");

    static ResourceDefinitionContext ctx(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    static String crdName(ResourceDefinitionContext c) {
        return c.getPlural() + "." + c.getGroup();
    }

    /** apiVersion for an involvedObject of the given kind (core and custom kinds the engine blames). */
    public static String apiVersion(String kind) {
        return switch (kind) {
            case "Service", "Pod", "ReplicationController", "ConfigMap", "Secret", "Namespace" -> "v1";
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> "apps/v1";
            case "Job", "CronJob" -> "batch/v1";
            case "Ingress" -> "networking.k8s.io/v1";
            case "Elasticsearch" -> "elasticsearch.k8s.elastic.co/v1";
            case "Kibana" -> "kibana.k8s.elastic.co/v1";
            case "OpenSearchCluster" -> "opensearch.opster.io/v1";
            case "ExposureException", "ExposurePolicy" -> "exposureguard.io/v1alpha1";
            default -> null;
        };
    }
}
