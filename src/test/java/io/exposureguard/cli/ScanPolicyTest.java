package io.exposureguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** scan applies the ExposurePolicies and ExposureExceptions in its input, as the operator and webhooks do. */
class ScanPolicyTest {

    private static final String POSTGRES = "deploy/examples/bad/postgres-password-public-lb.yaml";
    private static final String EXCEPTION = "deploy/policies/exposure-exception-example.yaml";
    private static final String POLICY = "deploy/policies/exposure-policy.yaml";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run scan(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScanCommand.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String file(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p.toString();
    }

    @Test
    void everyFindingSaysItsActionWhyAndTheOwningTeam() {
        Run run = scan("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml");

        assertThat(run.out()).contains("  action: deny (built-in default (no ExposurePolicy governs namespace support): critical -> deny); team: unknown");
    }

    @Test
    void theShippedPolicyAndExceptionParseWithoutProblems() {
        Run run = scan("--fail-on", "low", POLICY, EXCEPTION);

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anApprovedExceptionTurnsTheFindingOffAndSaysSoInVerboseOutput() {
        Run run = scan("--fail-on", "medium", "--verbose", POSTGRES, EXCEPTION);

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("off: MEDIUM EG-EXP-004 Service orders/orders-db-public (excepted by ExposureException"
                + " exposure-guard/orders-db-partner-access until 2099-01-31T00:00:00Z");
        assertThat(run.out()).contains("0 findings (0 critical, 0 high, 0 medium, 0 low) in 3 objects from 2 files; 1 turned off by policy or exception");
    }

    @Test
    void suppressedFindingsAreSarifSuppressionsAndJsonSuppressed() throws IOException {
        JsonNode sarif = new ObjectMapper().readTree(scan("--format", "sarif", POSTGRES, EXCEPTION).out());
        JsonNode json = new ObjectMapper().readTree(scan("--format", "json", POSTGRES, EXCEPTION).out());

        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.at("/ruleId").asText()).isEqualTo("EG-EXP-004");
        assertThat(result.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(result.at("/suppressions/0/justification").asText()).contains("SEC-2041");
        assertThat(json.at("/findings").size()).isZero();
        assertThat(json.at("/suppressed/0/action").asText()).isEqualTo("off");
        assertThat(json.at("/summary/suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void anExpiredExceptionNoLongerAppliesAndIsWarnedAbout() throws IOException {
        String expired = file("expired.yaml", Files.readString(Path.of(EXCEPTION)).replace("2099-01-31", "2020-01-31"));

        Run run = scan("--fail-on", "medium", POSTGRES, expired);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("EG-EXP-004");
        assertThat(run.err()).isEqualTo("warning: ExposureException exposure-guard/orders-db-partner-access: expired: expired at 2020-01-31T00:00:00Z"
                + System.lineSeparator());
    }

    @Test
    void anExceptionInTheTeamsOwnNamespaceDoesNotCount() throws IOException {
        String selfService = file("self.yaml", Files.readString(Path.of(EXCEPTION)).replace("namespace: exposure-guard", "namespace: orders"));

        Run run = scan("--fail-on", "medium", POSTGRES, selfService);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("warning: ExposureException orders/orders-db-partner-access: out of scope: exceptions count only in [exposure-guard]");
    }

    @Test
    void aPolicyCanTurnARuleOff() throws IOException {
        String off = file("off.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: quiet}
                spec: {rules: [{id: EG-EXP-004, action: "off"}]}
                """);

        Run run = scan("--fail-on", "low", POSTGRES, off);

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("0 findings");
    }

    @Test
    void anInvalidPolicyIsAnInputErrorAndTheSecureDefaultStillApplies() throws IOException {
        String broken = file("broken.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: broken}
                spec:
                  namespaceSelector: {matchExpressions: [{key: env, operator: Equals, values: [prod]}]}
                  actions: {critical: "off"}
                """);

        Run run = scan("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml", broken);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("EG-EXP-001", "action: deny (built-in default");
        List<String> errors = new ArrayList<>(run.err().lines().toList());
        assertThat(errors).singleElement().asString()
                .startsWith("error: " + broken + " document 1 (line 1): ExposurePolicy broken: spec.namespaceSelector:")
                .endsWith("operator 'Equals' is not In, NotIn, Exists or DoesNotExist (ignored)");
    }

    @Test
    void aPolicyActionThatIsNotAnActionIsAnInputError() throws IOException {
        String bad = file("bad-action.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: typo}
                spec: {actions: {critical: block}}
                """);

        Run run = scan(POSTGRES, bad);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + bad + " document 1 (line 1): ExposurePolicy typo: spec.actions.critical: not one of"
                + " off, alert, fix, deny" + System.lineSeparator());
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void allowedSourceCidrsMakeAnEntryFromThoseNetworksCountAsInternal() throws IOException {
        String policy = file("internal.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: corp}
                spec: {allowedSourceCidrs: [203.0.113.0/24]}
                """);

        Run without = scan("--fail-on", "high", "deploy/examples/bad/mongo-no-auth-traefik-allowlist.yaml");
        Run with = scan("--fail-on", "high", "deploy/examples/bad/mongo-no-auth-traefik-allowlist.yaml", policy);

        assertThat(without.code()).isEqualTo(1);
        assertThat(without.out()).contains("HIGH  EG-EXP-001");
        assertThat(with.code()).isZero();
        assertThat(with.out()).contains("LOW  EG-EXP-003", "Ingress crm/profiles-db reaches it only from networks declared internal");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            KV_AUTH=off                 | CRITICAL  EG-EXP-001
            KV_AUTH=OFF                 | CRITICAL  EG-EXP-001
            KV_PASSWORD=from-a-secret   | MEDIUM  EG-EXP-004
            KV_LOG=debug                | MEDIUM  EG-EXP-005
            """)
    void aPolicyCanTeachTheCatalogANewDatastore(String env, String expected) throws IOException {
        String[] pair = env.split("=");
        String input = file("acme.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: acme}
                spec:
                  datastores:
                    - name: AcmeKV
                      imagePatterns: ["registry.acme.io/kv/*"]
                      ports: [7700]
                      authOffEnv: [KV_AUTH=off]
                      authOnEnv: [KV_PASSWORD]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: kv, namespace: platform}
                spec:
                  selector: {matchLabels: {app: kv}}
                  template:
                    metadata: {labels: {app: kv}}
                    spec: {containers: [{name: kv, image: "registry.acme.io/kv/server:2.1", env: [{name: %s, value: "%s"}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: kv, namespace: platform}
                spec: {type: LoadBalancer, selector: {app: kv}, ports: [{port: 7700}]}
                """.formatted(pair[0], pair[1]));

        Run run = scan("--fail-on", "never", input);

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(expected, "AcmeKV in Deployment platform/kv port 7700",
                "matching registry.acme.io/kv/*");
    }

    @Test
    void anExceptionSelectsObjectsByTheirLabelsInTheInput() throws IOException {
        String labelled = file("labelled.yaml", Files.readString(Path.of(POSTGRES))
                .replace("  name: orders-db-public\n  namespace: orders\n", "  name: orders-db-public\n  namespace: orders\n  labels: {exposure: partner-approved}\n"));
        String exception = file("by-label.yaml", Files.readString(Path.of(EXCEPTION))
                .replace("    - namespace: orders\n      kind: Service\n      name: orders-db-public\n",
                        "    - namespace: orders\n      selector: {matchLabels: {exposure: partner-approved}}\n"));

        assertThat(Files.readString(Path.of(labelled))).contains("exposure: partner-approved");
        assertThat(scan("--fail-on", "medium", labelled, exception).code()).isZero();
        assertThat(scan("--fail-on", "medium", POSTGRES, exception).code()).isEqualTo(1);
    }

    @Test
    void anIncompleteDatastoreDefinitionIsAnInputError() throws IOException {
        String input = file("bad-def.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: acme}
                spec: {datastores: [{name: AcmeKV, imagePatterns: []}]}
                """);

        Run run = scan(input);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("ExposurePolicy acme: spec.datastores[0]: needs a name and at least one image pattern (ignored)");
    }

    @Test
    void namespaceLabelsInTheInputSelectPoliciesAndNameTheTeam() throws IOException {
        String input = file("ns.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: orders, labels: {env: prod, squad: checkout}}
                ---
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: prod}
                spec:
                  namespaceSelector: {matchLabels: {env: prod}}
                  actions: {medium: deny}
                  teamLabel: squad
                """);

        Run run = scan(POSTGRES, input);

        assertThat(run.out()).contains("action: deny (ExposurePolicy prod: severity medium -> deny); team: checkout");
    }
}
