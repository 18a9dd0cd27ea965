package io.exposureguard.core.probe;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Severity;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Probe results in findings: evidence can raise a severity, and lowers one only where the policies opt in. */
class ProbeEvidenceTest {

    /** Elasticsearch with security off behind a LoadBalancer: EG-EXP-001, critical from the configuration alone. */
    private static final String EXPOSED = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: search, namespace: shop}
                spec:
                  serviceName: search
                  selector: {matchLabels: {app: search}}
                  template:
                    metadata: {labels: {app: search}}
                    spec:
                      containers:
                        - name: elasticsearch
                          image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0"
                          env: [{name: xpack.security.enabled, value: "false"}]
                          ports: [{containerPort: 9200, name: http}]
              - apiVersion: v1
                kind: Service
                metadata: {name: search, namespace: shop}
                spec: {type: LoadBalancer, clusterIP: 10.96.5.5, selector: {app: search}, ports: [{port: 9200}]}
            """;

    private static final ProbeResult ASKS = ProbeResult.protectedBy("GET /_cluster/health returned 401; GET /_cat/indices returned 401; GET / returned 405");

    private static Finding exposure() {
        return Manifests.evaluate(EXPOSED).findings().stream().filter(f -> f.rule().id().equals("EG-EXP-001")).findFirst().orElseThrow();
    }

    private static Finding with(Finding f, ProbeEvidence.Entry entry) {
        return ProbeEvidence.apply(List.of(f), Map.of(f.datastore(), entry)).get(0);
    }

    @Test
    void aCredentialDemandKeepsTheConfiguredSeverityWithoutTheOptInAndSaysSo() {
        Finding f = exposure();

        Finding after = with(f, new ProbeEvidence.Entry(List.of(ASKS), false));

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(after.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(after.facts()).last().isEqualTo("probe: " + ASKS.evidence() + ": the datastore asks for credentials, although its"
                + " configuration does not show it; severity kept at critical (a credential demand lowers it only where the policy"
                + " sets spec.probe.trustCredentialAnswers)");
    }

    @Test
    void aCredentialDemandLowersAConfigurationOnlyFindingWhereThePoliciesOptIn() {
        Finding after = with(exposure(), new ProbeEvidence.Entry(List.of(ASKS), true));

        assertThat(after.severity()).isEqualTo(Severity.LOW);
        assertThat(after.facts()).last().asString().endsWith("although its configuration does not show it; severity lowered to low");
    }

    @ParameterizedTest(name = "{0} with trust {1}")
    @CsvSource(delimiter = '|', textBlock = """
            OPEN        | false | CRITICAL
            OPEN        | true  | CRITICAL
            PROTECTED   | false | CRITICAL
            UNKNOWN     | true  | CRITICAL
            UNSUPPORTED | true  | CRITICAL
            REFUSED     | true  | CRITICAL
            """)
    void onlyATrustedCredentialDemandEverLowersASeverity(ProbeResult.Verdict verdict, boolean trust, Severity expected) {
        ProbeResult result = new ProbeResult(verdict, "GET /_cluster/health returned 200", "reason", java.time.Duration.ZERO);

        assertThat(with(exposure(), new ProbeEvidence.Entry(List.of(result), trust)).severity()).isEqualTo(expected);
    }

    @Test
    void anOpenTargetOutweighsOneThatAsksForCredentials() {
        Finding after = with(exposure(), new ProbeEvidence.Entry(List.of(ASKS, ProbeResult.open("GET /_cluster/health returned 200 without"
                + " credentials")), true));

        assertThat(after.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(after.facts()).contains("probe confirmed: GET /_cluster/health returned 200 without credentials");
    }

    @Test
    void aRefusedTargetIsAFactAndChangesNothing() {
        Finding f = exposure();

        Finding after = with(f, new ProbeEvidence.Entry(List.of(ProbeResult.refused("127.0.0.1 is a loopback address"),
                ProbeResult.unknown("connection refused")), true));

        assertThat(after.severity()).isEqualTo(f.severity());
        assertThat(after.facts()).endsWith("probe: no verdict (connection refused)",
                "probe refused, nothing sent: 127.0.0.1 is a loopback address");
    }
}
