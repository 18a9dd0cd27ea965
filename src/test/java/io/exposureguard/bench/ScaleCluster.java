package io.exposureguard.bench;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster of the scale issue, deterministic: 200 namespaces, each with 50 Services (42 web Deployments, 3 of
 * them behind a LoadBalancer, and 8 Redis/MongoDB StatefulSets) and 10 Ingresses to web Services, plus 500 ECK
 * Elasticsearch spread over the namespaces: 10,000 Services, 10,000 workloads, 2,000 Ingresses. A third of the
 * datastores run without authentication and a fifth sit behind a LoadBalancer; a quarter of the Elasticsearch
 * clusters have security off and a fifth a LoadBalancer HTTP Service. {@link Unit} is the mutable model the churn
 * works on: what each Service or Elasticsearch is now.
 */
final class ScaleCluster {

    static final int NAMESPACES = 200;
    static final int WEB_PER_NAMESPACE = 42;
    static final int DATASTORES_PER_NAMESPACE = 8;
    static final int INGRESSES_PER_NAMESPACE = 10;
    static final int ELASTICSEARCHES = 500;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    enum Kind { WEB, REDIS, MONGO, ELASTICSEARCH }

    /** One Service with its workload, or one Elasticsearch (its HTTP Service is part of the resource). */
    static final class Unit {
        final Kind kind;
        final String namespace;
        final String name;
        boolean auth;
        boolean loadBalancer;
        boolean deleted;
        /** System.nanoTime() of the last churn change, 0 when never changed. */
        long lastChange;

        Unit(Kind kind, String namespace, String name, boolean auth, boolean loadBalancer) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.auth = auth;
            this.loadBalancer = loadBalancer;
        }

        /** What EG-EXP-001 (no authentication, reachable from outside) should report. */
        boolean exposed() {
            return kind != Kind.WEB && !deleted && !auth && loadBalancer;
        }

        /** namespace/name of the datastore, as findings name it. */
        String key() {
            return namespace + "/" + name;
        }
    }

    final List<Unit> web = new ArrayList<>();
    final List<Unit> datastores = new ArrayList<>();
    final List<Unit> elasticsearches = new ArrayList<>();

    ScaleCluster() {
        int db = 0;
        for (int n = 0; n < NAMESPACES; n++) {
            String ns = namespace(n);
            for (int i = 0; i < WEB_PER_NAMESPACE; i++) {
                web.add(new Unit(Kind.WEB, ns, "web-" + i, true, i % 14 == 0));
            }
            for (int i = 0; i < DATASTORES_PER_NAMESPACE; i++, db++) {
                datastores.add(new Unit(db % 2 == 0 ? Kind.REDIS : Kind.MONGO, ns, "db-" + i, db % 3 != 0, db % 5 == 0));
            }
        }
        for (int e = 0; e < ELASTICSEARCHES; e++) {
            elasticsearches.add(new Unit(Kind.ELASTICSEARCH, namespace(e % NAMESPACES), "search-" + e / NAMESPACES,
                    e % 4 != 0, e % 5 == 0));
        }
    }

    static String namespace(int n) {
        return String.format("team-%03d", n);
    }

    /** Every object of the cluster in its initial state: namespaces, workloads, Services, Ingresses, Elasticsearch. */
    List<HasMetadata> objects() {
        List<HasMetadata> out = new ArrayList<>();
        for (int n = 0; n < NAMESPACES; n++) {
            out.add(new NamespaceBuilder().withNewMetadata().withName(namespace(n)).addToLabels("team", "team-" + n % 20)
                    .endMetadata().build());
            for (int i = 0; i < INGRESSES_PER_NAMESPACE; i++) {
                out.add(ingress(namespace(n), "site-" + i, "web-" + i * 4));
            }
        }
        for (Unit u : web) {
            out.add(workload(u));
            out.add(service(u));
        }
        for (Unit u : datastores) {
            out.add(workload(u));
            out.add(service(u));
        }
        for (Unit u : elasticsearches) {
            out.add(elasticsearch(u));
        }
        return out;
    }

    /** The Deployment (web) or StatefulSet (Redis, MongoDB) behind a unit's Service. */
    static HasMetadata workload(Unit u) {
        Map<String, String> labels = Map.of("app", u.name);
        return switch (u.kind) {
            case WEB -> new DeploymentBuilder().withNewMetadata().withName(u.name).withNamespace(u.namespace).endMetadata()
                    .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                    .addNewContainer().withName("main").withImage("nginx:1.27").addNewPort().withContainerPort(80).endPort()
                    .endContainer().endSpec().endTemplate().endSpec().build();
            case REDIS, MONGO -> {
                boolean redis = u.kind == Kind.REDIS;
                List<String> args = redis && u.auth ? List.of("--requirepass", "$(REDIS_PASSWORD)") : List.of();
                List<EnvVar> env = !u.auth ? List.of() : redis ? List.of(secretEnv("REDIS_PASSWORD", u.name, "password"))
                        : List.of(secretEnv("MONGO_INITDB_ROOT_USERNAME", u.name, "username"),
                                secretEnv("MONGO_INITDB_ROOT_PASSWORD", u.name, "password"));
                yield new StatefulSetBuilder().withNewMetadata().withName(u.name).withNamespace(u.namespace).endMetadata()
                        .withNewSpec().withServiceName(u.name).withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                        .addNewContainer().withName("main").withImage(redis ? "redis:7.2" : "mongo:7.0").withArgs(args).withEnv(env)
                        .addNewPort().withContainerPort(port(u)).endPort().endContainer().endSpec().endTemplate().endSpec().build();
            }
            case ELASTICSEARCH -> throw new IllegalArgumentException("ECK owns the workloads of " + u.key());
        };
    }

    static HasMetadata service(Unit u) {
        int port = port(u);
        return new ServiceBuilder().withNewMetadata().withName(u.name).withNamespace(u.namespace).endMetadata()
                .withNewSpec().withType(u.loadBalancer ? "LoadBalancer" : "ClusterIP").withSelector(Map.of("app", u.name))
                .addNewPort().withName("main").withPort(port).withTargetPort(new IntOrString(port)).endPort().endSpec().build();
    }

    static GenericKubernetesResource elasticsearch(Unit u) {
        Map<String, Object> es = Map.of(
                "apiVersion", "elasticsearch.k8s.elastic.co/v1",
                "kind", "Elasticsearch",
                "metadata", Map.of("name", u.name, "namespace", u.namespace),
                "spec", Map.of(
                        "version", "8.15.0",
                        "http", Map.of("service", Map.of("spec", Map.of("type", u.loadBalancer ? "LoadBalancer" : "ClusterIP"))),
                        "nodeSets", List.of(Map.of("name", "default", "count", 3,
                                "config", u.auth ? Map.of() : Map.of("xpack.security.enabled", false)))));
        return SERIALIZATION.convertValue(es, GenericKubernetesResource.class);
    }

    private static HasMetadata ingress(String ns, String name, String backend) {
        return new IngressBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost(name + "." + ns + ".example.com").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName(backend)
                .withNewPort().withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule().endSpec().build();
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                .endSecretKeyRef().endValueFrom().build();
    }

    private static int port(Unit u) {
        return switch (u.kind) {
            case WEB -> 80;
            case REDIS -> 6379;
            case MONGO -> 27017;
            case ELASTICSEARCH -> 9200;
        };
    }
}
