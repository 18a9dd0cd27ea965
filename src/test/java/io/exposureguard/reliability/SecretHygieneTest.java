package io.exposureguard.reliability;

import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.exposureguard.kube.TestOperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials the operator can see (a Secret it reads with read-secrets on, a password written literally in
 * a pod spec, a password in a ConfigMap) never appear in what it writes: logs at every level, events,
 * PolicyReports or metrics. Findings name the setting, never its value.
 */
@EnableKubernetesMockClient(crud = true)
class SecretHygieneTest {

    private static final List<String> SECRETS = List.of("Sup3r-S3cret-FromSecret", "Sup3r-S3cret-Literal", "Sup3r-S3cret-InConfigMap");

    KubernetesClient client;

    @Test
    void noCredentialReachesLogsEventsReportsOrMetrics() {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String source = String.valueOf(r.getLoggerName());
                if (source.startsWith("io.fabric8.kubernetes.client.server.mock") || source.startsWith("io.fabric8.mockwebserver")) {
                    return; // the mock API server's own logging of what it stores: test infrastructure, not the operator
                }
                logged.add(source + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        java.util.logging.Level before = root.getLevel();
        root.setLevel(java.util.logging.Level.ALL);
        root.addHandler(capture);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AuditService audit = new AuditService(client, new TestOperatorConfig(false, "exposure-guard").withSecretsReadAndObjectNames(), metrics);
        try {
            ClusterFixtures.apply(client, """
                    apiVersion: v1
                    kind: List
                    items:
                      - apiVersion: v1
                        kind: Secret
                        metadata: {name: redis-auth, namespace: hyg}
                        stringData: {password: Sup3r-S3cret-FromSecret}
                        data: {password: U3VwM3ItUzNjcmV0LUZyb21TZWNyZXQ=}
                      - apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: pg-env, namespace: hyg}
                        data: {POSTGRES_PASSWORD: Sup3r-S3cret-InConfigMap}
                      - apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: cache, namespace: hyg}
                        spec:
                          selector: {matchLabels: {app: cache}}
                          template:
                            metadata: {labels: {app: cache}}
                            spec:
                              containers:
                                - name: redis
                                  image: "redis:7.2"
                                  args: ["--requirepass", "Sup3r-S3cret-Literal"]
                                  env: [{name: REDIS_PASSWORD, valueFrom: {secretKeyRef: {name: redis-auth, key: password}}}]
                                  ports: [{containerPort: 6379}]
                      - apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: db, namespace: hyg}
                        spec:
                          selector: {matchLabels: {app: db}}
                          serviceName: db
                          template:
                            metadata: {labels: {app: db}}
                            spec:
                              containers:
                                - name: postgres
                                  image: "postgres:16"
                                  envFrom: [{configMapRef: {name: pg-env}}]
                                  ports: [{containerPort: 5432}]
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: cache, namespace: hyg}
                        spec: {type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: db, namespace: hyg}
                        spec: {type: LoadBalancer, selector: {app: db}, ports: [{port: 5432}]}
                    """);
            audit.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.lastOutcome() != null && audit.lastOutcome().reported().stream()
                    .anyMatch(d -> d.finding().resource().namespace().equals("hyg")));
        } finally {
            audit.stop();
            root.removeHandler(capture);
            root.setLevel(before);
        }

        KubernetesSerialization json = new KubernetesSerialization();
        String written = String.join("\n", logged) + json.asJson(client.v1().events().inNamespace("hyg").list())
                + json.asJson(ClusterFixtures.reportResults(client, "hyg")) + metrics.scrape()
                + audit.lastOutcome().decisions();
        assertThat(audit.lastOutcome().reported()).as("the run produced findings to inspect").isNotEmpty();
        assertThat(logged).as("the run logged").isNotEmpty();
        SECRETS.forEach(secret -> assertThat(written).doesNotContain(secret));
    }
}
