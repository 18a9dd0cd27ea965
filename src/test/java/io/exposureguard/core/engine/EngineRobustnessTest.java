package io.exposureguard.core.engine;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.exposure.PathAnalyzer;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.rules.Analysis;
import io.exposureguard.core.rules.Rule;
import io.exposureguard.core.rules.RuleCatalog;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An object the engine cannot interpret becomes a reported problem naming the field; every other object
 * is still evaluated, so one odd object never hides an exposure.
 */
class EngineRobustnessTest {

    private static final String EXPOSED_MEMCACHED = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache, namespace: web}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec: {containers: [{name: memcached, image: "memcached:1.6"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cache, namespace: web}
            spec: {type: LoadBalancer, selector: {app: cache}, ports: [{port: 11211}]}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nodeSets is a string           | elasticsearch.k8s.elastic.co/v1 | Elasticsearch     | {nodeSets: oops}                                         | spec.nodeSets: expected a list, found a string
            http.service is a list         | elasticsearch.k8s.elastic.co/v1 | Elasticsearch     | {http: {service: [1, 2]}, nodeSets: []}                 | spec.http.service: expected an object, found a list
            TLS flag is not a boolean      | kibana.k8s.elastic.co/v1        | Kibana            | {http: {tls: {selfSignedCertificate: {disabled: maybe}}}} | spec.http.tls.selfSignedCertificate.disabled: expected true or false, found a string
            httpPort is not a number       | opensearch.opster.io/v1         | OpenSearchCluster | {general: {httpPort: nine}}                              | spec.general.httpPort: expected an integer, found a string
            middleware chain is a mapping  | traefik.io/v1alpha1             | Middleware        | {chain: {middlewares: {name: x}}}                        | -
            """)
    void aMalformedCustomResourceIsReportedAndTheRestIsStillEvaluated(String description, String apiVersion, String kind,
                                                                       String spec, String expectedProblem) {
        String yaml = """
                apiVersion: %s
                kind: %s
                metadata: {name: odd, namespace: web}
                spec: %s
                """.formatted(apiVersion, kind, spec) + EXPOSED_MEMCACHED;

        EvaluationResult result = Manifests.evaluate(yaml);

        assertThat(result.findings()).extracting(Manifests::verdict).contains("EG-EXP-001 critical");
        if (!expectedProblem.equals("-")) {
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.object().display()).isEqualTo(kind + " web/odd");
                assertThat(p.message()).isEqualTo(expectedProblem);
            });
        }
    }

    @Test
    void aSecretWithInvalidBase64IsReportedAndIgnored() {
        String yaml = """
                apiVersion: v1
                kind: Secret
                metadata: {name: broken, namespace: web}
                data: {password: "!!!not-base64!!!"}
                """ + EXPOSED_MEMCACHED;

        EvaluationResult result = Manifests.evaluate(yaml);

        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("data.password: not valid base64"));
        assertThat(result.findings()).isNotEmpty();
    }

    @Test
    void objectsWithoutNamespaceOrNameOrSpecAreEvaluatedWithoutError() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: empty}
                ---
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: bare}
                """;

        EvaluationResult result = Manifests.evaluate(yaml);

        assertThat(result.problems()).isEmpty();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void anOrdinaryWebAppBehindALoadBalancerAndAnIngressIsNotAFinding() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
                """;

        assertThat(Manifests.evaluate(yaml).findings()).isEmpty();
    }

    /** A rule that throws costs only its own findings, and its problem shows no exception class or message. */
    @Test
    void aFailingRuleIsReportedWithoutItsExceptionAndTheOtherRulesStillApply() {
        Rule failing = new Rule() {
            @Override
            public RuleInfo info() {
                return new RuleInfo("EG-TEST-001", "always fails", Severity.HIGH, "why", "fix");
            }

            @Override
            public List<Finding> evaluate(Analysis analysis) {
                throw new IllegalStateException("password=hunter2");
            }
        };
        List<Rule> rules = new java.util.ArrayList<>(new RuleCatalog().rules());
        rules.add(0, failing);
        ExposureEngine engine = new ExposureEngine(new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE),
                new PathAnalyzer(), new RuleCatalog(rules));

        EvaluationResult result = engine.evaluate(Manifests.objects(EXPOSED_MEMCACHED));

        assertThat(result.findings()).extracting(f -> f.rule().id()).contains("EG-EXP-001");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.object().name()).isEqualTo("EG-TEST-001");
            assertThat(p.message()).contains("skipped").doesNotContain("IllegalStateException", "hunter2");
        });
    }
}
