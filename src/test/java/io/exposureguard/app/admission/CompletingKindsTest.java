package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kinds that are never the finding's object or datastore can still open a path: the ConfigMap a datastore takes
 * its environment from, a Traefik Middleware an Ingress relies on for authentication, a NetworkPolicy whose
 * removal leaves an open datastore reachable from every pod. Admission judges what they open.
 */
class CompletingKindsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final AdmissionJudge JUDGE = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final String REDIS_ENV = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cart-redis-env, namespace: kinds}
            data: {ALLOW_EMPTY_PASSWORD: "yes"}
            """;
    private static final String REDIS = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: cart-redis, namespace: kinds}
            spec:
              serviceName: cart-redis
              selector: {matchLabels: {app: redis}}
              template:
                metadata: {labels: {app: redis}}
                spec:
                  containers:
                    - name: redis
                      image: docker.io/bitnamilegacy/redis:7.2.4-debian-12-r9
                      envFrom: [{configMapRef: {name: cart-redis-env}}]
                      ports: [{name: redis, containerPort: 6379}]
            """;
    private static final String REDIS_LB = """
            apiVersion: v1
            kind: Service
            metadata: {name: cart-redis, namespace: kinds}
            spec: {type: LoadBalancer, selector: {app: redis}, ports: [{port: 6379, targetPort: redis}]}
            """;

    private static HasMetadata object(String yaml) {
        return JSON.unmarshal(yaml);
    }

    private static ClusterState state(List<HasMetadata> objects) {
        return new ClusterState(List.copyOf(objects), List.of(), List.of(), Map.of());
    }

    static Stream<List<String>> redisOrders() {
        List<String> objects = List.of(REDIS_ENV, REDIS, REDIS_LB);
        List<List<String>> out = new ArrayList<>();
        for (String a : objects) {
            for (String b : objects) {
                for (String c : objects) {
                    if (!a.equals(b) && !b.equals(c) && !a.equals(c)) {
                        out.add(List.of(a, b, c));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("redisOrders")
    void theEnvConfigMapThatAllowsAnEmptyPasswordIsDeniedWhenItCompletesThePath(List<String> order) {
        List<HasMetadata> cluster = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            HasMetadata incoming = object(order.get(i));

            AdmissionVerdict verdict = JUDGE.judge("CREATE", incoming, state(cluster), "exposure-guard", NOW);

            assertThat(verdict.allowed()).as("%s (%d of %d): %s", incoming.getKind(), i + 1, order.size(), verdict.message())
                    .isEqualTo(i < order.size() - 1);
            cluster.add(incoming);
        }
    }

    private static final String ES = AdmissionFixtures.openElasticsearch("Deployment", "kinds");
    private static final String ES_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: es, namespace: kinds}
            spec: {selector: {app: es}, ports: [{name: http, port: 80, targetPort: http}]}
            """;
    private static final String TRAEFIK_INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: es
              namespace: kinds
              annotations: {traefik.ingress.kubernetes.io/router.middlewares: kinds-login@kubernetescrd}
            spec:
              rules:
                - http:
                    paths: [{path: /, pathType: Prefix, backend: {service: {name: es, port: {name: http}}}}]
            """;
    private static final String LOGIN = """
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: login, namespace: kinds}
            spec: {basicAuth: {secret: users}}
            """;

    @Test
    void aMiddlewareUpdateThatDropsTheIngresssAuthenticationIsDenied() {
        List<HasMetadata> cluster = List.of(object(ES), object(ES_SERVICE), object(TRAEFIK_INGRESS), object(LOGIN));
        assertThat(JUDGE.judge("CREATE", object(LOGIN), state(cluster.subList(0, 3)), "exposure-guard", NOW).allowed()).isTrue();
        HasMetadata headersOnly = object(LOGIN.replace("{basicAuth: {secret: users}}", "{headers: {customRequestHeaders: {X-Env: prod}}}"));

        AdmissionVerdict verdict = JUDGE.judge("UPDATE", headersOnly, object(LOGIN), state(cluster), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).startsWith("exposure-guard denied Middleware kinds/login: [EG-EXP-001 critical]")
                .contains("Path: internet -> Ingress kinds/es");
    }

    private static final String ONLY_APP = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: es-from-app, namespace: kinds}
            spec:
              podSelector: {matchLabels: {app: es}}
              ingress: [{from: [{podSelector: {matchLabels: {app: shop}}}]}]
            """;

    @Test
    void deletingTheOnlyNetworkPolicyLimitingAnOpenDatastoreIsAllowedWithAWarning() {
        List<HasMetadata> cluster = List.of(object(ES), object(ES_SERVICE), object(ONLY_APP));

        AdmissionVerdict verdict = JUDGE.judge("DELETE", null, object(ONLY_APP), state(cluster), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString()
                .startsWith(AdmissionJudge.OPENED_BY_DELETION + "exposure-guard EG-EXP-003 low (alert): Elasticsearch");
    }

    @Test
    void deletingAnObjectThatOpensNothingIsAllowedWithoutWarnings() {
        String other = ONLY_APP.replace("{matchLabels: {app: es}}", "{matchLabels: {app: web}}").replace("es-from-app", "web");
        List<HasMetadata> cluster = List.of(object(ES), object(ES_SERVICE), object(ONLY_APP), object(other));

        AdmissionVerdict verdict = JUDGE.judge("DELETE", null, object(other), state(cluster), "exposure-guard", NOW);

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }
}
