package io.exposureguard.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deterministic synthetic cluster of about {@code size} objects spread over namespaces of 50 objects:
 * per unit of 10 objects, 3 web Deployments + 3 Services, 1 datastore Deployment (Redis or Mongo, half of
 * them without auth) + its Service (every fourth a LoadBalancer), 1 Ingress and, every other unit,
 * an ECK Elasticsearch; plus Gateway API routes: an HTTPRoute to a web Service in every unit, a TCPRoute to the
 * datastore in every third, all attached to one shared Gateway per 10 namespaces (in its own namespace, admitting
 * routes from all), so route resolution is measured across namespaces as a shared Gateway is used.
 */
final class SyntheticCluster {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private SyntheticCluster() {
    }

    static List<HasMetadata> of(int size) {
        List<HasMetadata> out = new ArrayList<>(size);
        int unit = 0;
        while (out.size() < size) {
            String ns = "team-" + (out.size() / 50);
            String u = "u" + unit;
            for (int i = 0; i < 3; i++) {
                out.add(deployment(ns, u + "-web" + i, "nginx:1.27", Map.of("app", u + "-web" + i), List.of()));
                out.add(service(ns, u + "-web" + i, i == 0 ? "LoadBalancer" : "ClusterIP", Map.of("app", u + "-web" + i), 80));
            }
            boolean redis = unit % 2 == 0;
            List<String> args = unit % 3 == 0 ? List.of() : redis ? List.of("--requirepass", "$(P)") : List.of("--auth");
            out.add(deployment(ns, u + "-db", redis ? "redis:7.2" : "mongo:7.0", Map.of("app", u + "-db"), args));
            out.add(service(ns, u + "-db", unit % 4 == 0 ? "LoadBalancer" : "ClusterIP", Map.of("app", u + "-db"), redis ? 6379 : 27017));
            out.add(new IngressBuilder().withNewMetadata().withName(u).withNamespace(ns).endMetadata()
                    .withNewSpec().addNewRule().withHost(u + ".example.com").withNewHttp().addNewPath().withPath("/")
                    .withPathType("Prefix").withNewBackend().withNewService().withName(u + "-web1").withNewPort()
                    .withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule().endSpec().build());
            if (unit % 2 == 0) {
                out.add(elasticsearch(ns, u + "-es", unit % 8 == 0));
            }
            String gatewayNs = "gateways-" + (unit / 50);
            if (unit % 50 == 0) {
                out.add(generic(Map.of("apiVersion", "gateway.networking.k8s.io/v1", "kind", "Gateway",
                        "metadata", Map.of("name", "shared", "namespace", gatewayNs),
                        "spec", Map.of("gatewayClassName", "eg", "listeners", List.of(
                                Map.of("name", "http", "protocol", "HTTP", "port", 80, "allowedRoutes", ALL_NAMESPACES),
                                Map.of("name", "tcp", "protocol", "TCP", "port", 6379, "allowedRoutes", ALL_NAMESPACES))))));
            }
            out.add(route("HTTPRoute", "v1", ns, u + "-web", gatewayNs, u + "-web2", 80));
            if (unit % 3 == 0) {
                out.add(route("TCPRoute", "v1alpha2", ns, u + "-db", gatewayNs, u + "-db", redis ? 6379 : 27017));
            }
            unit++;
        }
        return out.subList(0, size);
    }

    private static final Map<String, Object> ALL_NAMESPACES = Map.of("namespaces", Map.of("from", "All"));

    private static HasMetadata route(String kind, String version, String ns, String name, String gatewayNs, String service, int port) {
        return generic(Map.of("apiVersion", "gateway.networking.k8s.io/" + version, "kind", kind,
                "metadata", Map.of("name", name, "namespace", ns),
                "spec", Map.of("parentRefs", List.of(Map.of("name", "shared", "namespace", gatewayNs)),
                        "rules", List.of(Map.of("backendRefs", List.of(Map.of("name", service, "port", port)))))));
    }

    private static HasMetadata generic(Map<String, Object> fields) {
        return SERIALIZATION.convertValue(fields, GenericKubernetesResource.class);
    }

    private static HasMetadata deployment(String ns, String name, String image, Map<String, String> labels, List<String> args) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).withArgs(args).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static HasMetadata service(String ns, String name, String type, Map<String, String> selector, int port) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withType(type).withSelector(selector).addNewPort().withPort(port)
                .withTargetPort(new IntOrString(port)).endPort().endSpec().build();
    }

    private static HasMetadata elasticsearch(String ns, String name, boolean open) {
        Map<String, Object> es = Map.of(
                "apiVersion", "elasticsearch.k8s.elastic.co/v1",
                "kind", "Elasticsearch",
                "metadata", Map.of("name", name, "namespace", ns),
                "spec", Map.of(
                        "version", "8.15.0",
                        "http", Map.of("service", Map.of("spec", Map.of("type", open ? "LoadBalancer" : "ClusterIP"))),
                        "nodeSets", List.of(Map.of("name", "default", "count", 3,
                                "config", open ? Map.of("xpack.security.enabled", false) : Map.of()))));
        return SERIALIZATION.convertValue(es, GenericKubernetesResource.class);
    }
}
