package io.exposureguard.kube;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.exposureguard.core.report.ReportApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.List;
import java.util.Map;

/** Test helper: writes manifests into the mock API server and reads back what the operator wrote. */
public final class ClusterFixtures {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private ClusterFixtures() {
    }

    /** Creates (or replaces) every object of a YAML text; custom resources go through their definition context. */
    public static void apply(KubernetesClient client, String yaml) {
        for (Object o : items(yaml)) {
            apply(client, (HasMetadata) o);
        }
    }

    /**
     * Creates or replaces one object, like {@code kubectl apply}: a replace that meets a conflict (the operator
     * wrote the object's status in between) is retried against the latest version.
     */
    public static void apply(KubernetesClient client, HasMetadata o) {
        for (int attempt = 1; ; attempt++) {
            try {
                createOrReplace(client, o);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** What the API server stores: an object written in an old apiVersion, converted to the current one. */
    public static HasMetadata stored(HasMetadata written) {
        HasMetadata o = io.exposureguard.core.inventory.ApiVersions.current(written);
        if (o != written) {
            o.setApiVersion(o.getKind().equals("Ingress") ? "networking.k8s.io/v1" : "apps/v1");
        }
        return o;
    }

    private static void createOrReplace(KubernetesClient client, HasMetadata written) {
        HasMetadata o = stored(written);
        if (o instanceof GenericKubernetesResource g && g.getApiVersion().startsWith("exposureguard.io/")) {
            Class<? extends HasMetadata> type = "ExposurePolicy".equals(g.getKind()) ? ExposurePolicy.class : ExposureException.class;
            HasMetadata typed = YAML.convertValue(g, type);
            client.resource(typed).createOr(x -> x.update());
        } else if (o instanceof GenericKubernetesResource g) {
            client.genericKubernetesResources(context(g)).inNamespace(ns(g)).resource(g).createOr(x -> x.update());
        } else {
            client.resource(o).inNamespace(ns(o)).createOr(x -> x.update());
        }
    }

    /** Deletes a custom resource of a kind the engine reads, by its apiVersion (the watched version) and kind. */
    public static void deleteCustom(KubernetesClient client, String apiVersion, String kind, String namespace, String name) {
        ResourceDefinitionContext ctx = CustomResourceKinds.ALL.stream()
                .filter(c -> apiVersion.equals(c.getGroup() + "/" + c.getVersion()) && c.getKind().equals(kind))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no context for " + apiVersion + " " + kind));
        client.genericKubernetesResources(ctx).inNamespace(namespace).withName(name).delete();
    }

    /** Deletes every object of a YAML text (custom resources through their definition context). */
    public static void delete(KubernetesClient client, String yaml) {
        for (Object o : items(yaml)) {
            if (o instanceof GenericKubernetesResource g) {
                client.genericKubernetesResources(context(g)).inNamespace(ns(g)).withName(g.getMetadata().getName()).delete();
            } else {
                client.resource((HasMetadata) o).inNamespace(ns((HasMetadata) o)).delete();
            }
        }
    }

    private static List<?> items(String yaml) {
        Object parsed = YAML.unmarshal(yaml);
        return parsed instanceof List<?> l ? l : parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList kl ? kl.getItems() : List.of(parsed);
    }

    private static ResourceDefinitionContext context(GenericKubernetesResource g) {
        return CustomResourceKinds.ALL.stream()
                .filter(c -> g.getApiVersion().equals(c.getGroup() + "/" + c.getVersion()) && c.getKind().equals(g.getKind()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no context for " + g.getApiVersion()));
    }

    /**
     * Installs the CRDs of both report APIs (OpenReports, wgpolicyk8s.io), namespaced and cluster kinds, as a cluster with
     * Kyverno or Policy Reporter has them. The operator looks for a missing one at every audit, so reports follow soon.
     */
    public static void installReportCrds(KubernetesClient client) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(ReportApi.OPENREPORTS.crdName()).get() != null) {
            return; // Installed by an earlier call.
        }
        for (ReportApi api : ReportApi.values()) {
            crd(client, api.group(), api.version(), api.kind(), api.plural(), "Namespaced");
            crd(client, api.group(), api.version(), api.clusterKind(), api.clusterPlural(), "Cluster");
        }
    }

    /** A CRD of this kind serving this one version (no schema: the mock server keeps whatever is written). */
    public static void crd(KubernetesClient client, String group, String version, String kind, String plural, String scope) {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope(scope)
                .withNewNames().withKind(kind).withPlural(plural).endNames()
                .addNewVersion().withName(version).withServed(true).withStorage(true).endVersion()
                .endSpec().build()).createOr(x -> x.update());
    }

    /** Installs the CRDs of the third-party kinds the engine reads (ECK, OpenSearch, Traefik). */
    public static void installThirdPartyCrds(KubernetesClient client) {
        for (ResourceDefinitionContext c : CustomResourceKinds.ALL) {
            crd(client, c.getGroup(), c.getVersion(), c.getKind(), c.getPlural(), "Namespaced");
        }
    }

    static List<Event> exposureEvents(KubernetesClient client, String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> EventPublisher.REASON.equals(e.getReason())).toList();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> reportResults(KubernetesClient client, String namespace) {
        installReportCrds(client);
        GenericKubernetesResource r = client.genericKubernetesResources(CustomResourceKinds.report(ReportApi.OPENREPORTS))
                .inNamespace(namespace).withName("exposure-guard").get();
        return r == null ? List.of() : (List<Map<String, Object>>) r.getAdditionalProperties().get("results");
    }

    /** Whether /q/metrics counts one exposure of {@code rule} in {@code namespace}. */
    public static boolean hasExposureMetric(String namespace, String rule) {
        return io.exposureguard.testing.Management.request().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .anyMatch(l -> l.startsWith("exposureguard_exposures{") && l.contains("namespace=\"" + namespace + "\"")
                        && l.contains("rule=\"" + rule + "\"") && l.endsWith(" 1.0"));
    }

    /** Redis without a password (Deployment {@code name}) behind a ClusterIP Service {@code name} on 6379, in {@code namespace}. */
    public static String openRedis(String namespace, String name) {
        return """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: %2$s, namespace: %1$s}
                    spec:
                      selector: {matchLabels: {app: %2$s}}
                      template:
                        metadata: {labels: {app: %2$s}}
                        spec: {containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: %2$s, namespace: %1$s}
                    spec: {selector: {app: %2$s}, ports: [{port: 6379}]}
                """.formatted(namespace, name);
    }

    public static String exposedMemcached(String namespace, String type) {
        return """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: cache, namespace: %1$s}
                    spec:
                      selector: {matchLabels: {app: cache}}
                      template:
                        metadata: {labels: {app: cache}}
                        spec: {containers: [{name: memcached, image: "memcached:1.6", ports: [{containerPort: 11211}]}]}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: cache, namespace: %1$s}
                    spec: {type: %2$s, selector: {app: cache}, ports: [{port: 11211}]}
                """.formatted(namespace, type);
    }

    private static String ns(HasMetadata o) {
        return o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
    }
}
