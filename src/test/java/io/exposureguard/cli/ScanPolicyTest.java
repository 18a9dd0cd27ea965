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

/**
 * scan applies the ExposurePolicies and ExposureExceptions given with --policy, as the operator and webhooks
 * apply the cluster's. Policy objects among the scanned files are reported (EG-POL-001/002) and never change a
 * verdict, unless --trust-input-policies says so.
 */
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

    // ---- policy objects among the scanned files: facts, never configuration ----

    private static final String ES = "deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml";
    private static final String ALL_OFF = """
            apiVersion: exposureguard.io/v1alpha1
            kind: ExposurePolicy
            metadata: {name: quiet}
            spec: {actions: {critical: "off", high: "off", medium: "off", low: "off"}}
            """;
    private static final String LET_ME_IN = """
            apiVersion: exposureguard.io/v1alpha1
            kind: ExposureException
            metadata: {name: let-me-in, namespace: exposure-guard}
            spec:
              rules: [EG-EXP-001]
              resources: [{namespace: support, kind: Elasticsearch, name: support-cases}]
              reason: approved, honestly
              expiresAt: "2099-01-01T00:00:00Z"
              approvedBy: someone@example.com
            """;

    /** A pull request: the 2019 exposure, plus a policy that turns everything off and an exception for it. */
    private Path pullRequest() throws IOException {
        Path pr = Files.createDirectories(dir.resolve("pr"));
        Files.copy(Path.of(ES), pr.resolve("es.yaml"));
        Files.writeString(pr.resolve("quiet.yaml"), ALL_OFF);
        Files.writeString(pr.resolve("exception.yaml"), LET_ME_IN);
        return pr;
    }

    @Test
    void policyObjectsAmongTheScannedFilesNeverChangeTheVerdictAndAreFindingsThemselves() throws IOException {
        Path pr = pullRequest();

        Run run = scan(pr.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("CRITICAL  EG-EXP-001", "action: deny (built-in default",
                "HIGH  EG-POL-001  The scanned files add or change an ExposureException",
                "  resource: ExposureException exposure-guard/let-me-in  [" + pr.resolve("exception.yaml") + " document 1 (line 1)]",
                "  The scanned files add ExposureException exposure-guard/let-me-in, which would turn off 1 finding here; scan does not apply it",
                "  - would turn off EG-EXP-001 (critical, deny) on Elasticsearch support/support-cases",
                "HIGH  EG-POL-002  The scanned files add or change an ExposurePolicy",
                "  resource: ExposurePolicy quiet  [" + pr.resolve("quiet.yaml") + " document 1 (line 1)]",
                "  - would change EG-EXP-001 (critical, deny) on Elasticsearch support/support-cases to critical, off",
                "3 findings (1 critical, 2 high, 0 medium, 0 low) in 3 objects from 3 files");
    }

    @Test
    void policyObjectFindingsAreInJsonAndSarifWithTheirRules() throws IOException {
        Path pr = pullRequest();

        JsonNode json = new ObjectMapper().readTree(scan("--format", "json", pr.toString()).out());
        JsonNode sarif = new ObjectMapper().readTree(scan("--format", "sarif", pr.toString()).out());

        assertThat(json.at("/findings")).extracting(f -> f.get("ruleId").asText() + " " + f.get("severity").asText())
                .containsExactlyInAnyOrder("EG-EXP-001 critical", "EG-POL-001 high", "EG-POL-002 high");
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        assertThat(sarif.at("/runs/0/results")).allSatisfy(r ->
                assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText()));
        assertThat(sarif.at("/runs/0/results")).filteredOn(r -> r.get("ruleId").asText().startsWith("EG-POL"))
                .allSatisfy(r -> assertThat(r.get("level").asText()).isEqualTo("error"));
    }

    @Test
    void anExceptionFromTheTrustedLocationApplies() throws IOException {
        Path pr = pullRequest();
        Path trusted = Files.createDirectories(dir.resolve("trusted"));
        Files.writeString(trusted.resolve("exception.yaml"), LET_ME_IN);

        Run run = scan("--verbose", "--policy", trusted.toString(), pr.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("CRITICAL  EG-EXP-001", "EG-POL-001")
                .contains("off: CRITICAL EG-EXP-001 Elasticsearch support/support-cases (excepted by ExposureException"
                        + " exposure-guard/let-me-in", "HIGH  EG-POL-002", "ExposurePolicy quiet");
        assertThat(run.code()).as("the untrusted all-off policy is still a high finding").isEqualTo(1);
    }

    @Test
    void trustInputPoliciesAppliesThemAsBefore() throws IOException {
        Run run = scan("--trust-input-policies", pullRequest().toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0 findings (0 critical, 0 high, 0 medium, 0 low) in 3 objects from 3 files;"
                + " 1 turned off by policy or exception" + System.lineSeparator());
    }

    @Test
    void aScannedCopyOfATrustedPolicyIsNoChangeAndAChangedOneIsReported() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Path.of(POSTGRES), repo.resolve("postgres.yaml"));
        Files.copy(Path.of(POLICY), repo.resolve("policy.yaml"));
        Path unchanged = Files.createDirectories(dir.resolve("main-branch"));
        Files.copy(Path.of(POLICY), unchanged.resolve("policy.yaml"));

        Run same = scan("--fail-on", "low", "--policy", unchanged.toString(), repo.toString());
        Files.writeString(repo.resolve("policy.yaml"), Files.readString(Path.of(POLICY)).replace("medium: alert", "medium: \"off\""));
        Run changed = scan("--fail-on", "low", "--policy", unchanged.toString(), repo.toString());

        assertThat(same.out()).doesNotContain("EG-POL").contains("MEDIUM  EG-EXP-004");
        assertThat(changed.out()).contains("MEDIUM  EG-EXP-004", "HIGH  EG-POL-002",
                "The scanned files change ExposurePolicy default, which would weaken 1 finding here",
                "  - would change EG-EXP-004 (medium, alert) on Service orders/orders-db-public to medium, off");
    }

    @Test
    void aTrustedFolderInsideTheScannedTreeIsTrusted() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Path.of(POSTGRES), repo.resolve("postgres.yaml"));
        Path policies = Files.createDirectories(repo.resolve("policies"));
        Files.copy(Path.of(EXCEPTION), policies.resolve("exception.yaml"));

        Run run = scan("--fail-on", "medium", "--policy", policies.toString(), repo.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("0 findings").doesNotContain("EG-POL");
    }

    @Test
    void otherObjectsInThePolicyLocationAreIgnoredWithAWarning() throws IOException {
        String mixed = file("mixed.yaml", Files.readString(Path.of(EXCEPTION)) + "---\n" + Files.readString(Path.of(ES)));

        Run run = scan("--fail-on", "medium", "--policy", mixed, POSTGRES);

        assertThat(run.code()).isZero();
        assertThat(run.out()).doesNotContain("EG-EXP-001");
        assertThat(run.err()).isEqualTo("warning: " + mixed + " document 2 (line 19): Elasticsearch support/support-cases is not an"
                + " ExposurePolicy, ExposureException or Namespace: ignored (--policy is for policies)" + System.lineSeparator());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "--policy {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            -                  | error: --policy: give a file or directory; - (stdin) is for the manifests to scan
            no-such-policy.yaml| error: no-such-policy.yaml: no such file or directory
            """)
    void aPolicyLocationThatCannotBeReadIsAnInputError(String location, String error) {
        Run run = scan("--policy", location, ES);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(error);
    }

    @Test
    void everyFindingSaysItsActionWhyAndTheOwningTeam() {
        Run run = scan("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml");

        assertThat(run.out()).contains("  action: deny (built-in default (no ExposurePolicy governs namespace support): critical -> deny); team: unknown");
    }

    @Test
    void theShippedPolicyAndExceptionParseWithoutProblems() {
        Run run = scan("--fail-on", "low", "--policy", POLICY, "--policy", EXCEPTION, "deploy/examples/good");

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anApprovedExceptionTurnsTheFindingOffAndSaysSoInVerboseOutput() {
        Run run = scan("--fail-on", "medium", "--verbose", "--policy", EXCEPTION, POSTGRES);

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("off: MEDIUM EG-EXP-004 Service orders/orders-db-public (excepted by ExposureException"
                + " exposure-guard/orders-db-partner-access until 2099-01-31T00:00:00Z");
        assertThat(run.out()).contains("0 findings (0 critical, 0 high, 0 medium, 0 low) in 2 objects from 1 file; 1 turned off by policy or exception");
    }

    @Test
    void suppressedFindingsAreSarifSuppressionsAndJsonSuppressed() throws IOException {
        JsonNode sarif = new ObjectMapper().readTree(scan("--format", "sarif", "--policy", EXCEPTION, POSTGRES).out());
        JsonNode json = new ObjectMapper().readTree(scan("--format", "json", "--policy", EXCEPTION, POSTGRES).out());

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

        Run run = scan("--fail-on", "medium", "--policy", expired, POSTGRES);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("EG-EXP-004");
        assertThat(run.err()).isEqualTo("warning: ExposureException exposure-guard/orders-db-partner-access: expired: expired at 2020-01-31T00:00:00Z"
                + System.lineSeparator());
    }

    @Test
    void anExceptionInTheTeamsOwnNamespaceDoesNotCount() throws IOException {
        String selfService = file("self.yaml", Files.readString(Path.of(EXCEPTION)).replace("namespace: exposure-guard", "namespace: orders"));

        Run run = scan("--fail-on", "medium", "--policy", selfService, POSTGRES);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("warning: ExposureException orders/orders-db-partner-access: out of scope: exceptions count only in [exposure-guard]");
    }

    @Test
    void anExceptionFromANamespaceThatDoesNotGovernTheResourceDoesNotCountAndIsWarnedAbout() throws IOException {
        String teams = file("teams.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: team-a, labels: {team: a}}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: orders, labels: {team: b}}
                ---
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: team-a}
                spec: {namespaceSelector: {matchLabels: {team: a}}, exceptionNamespaces: [team-a]}
                ---
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: team-b}
                spec: {namespaceSelector: {matchLabels: {team: b}}, exceptionNamespaces: [security]}
                """);
        String fromTeamA = file("from-team-a.yaml", Files.readString(Path.of(EXCEPTION)).replace("namespace: exposure-guard", "namespace: team-a"));
        String fromSecurity = file("from-security.yaml", Files.readString(Path.of(EXCEPTION)).replace("namespace: exposure-guard", "namespace: security"));

        Run delegatedToAnother = scan("--fail-on", "medium", "--policy", teams, "--policy", fromTeamA, POSTGRES);
        Run delegated = scan("--fail-on", "medium", "--policy", teams, "--policy", fromSecurity, POSTGRES);

        assertThat(delegatedToAnother.code()).isEqualTo(1);
        assertThat(delegatedToAnother.out()).contains("EG-EXP-004");
        assertThat(delegatedToAnother.err()).isEqualTo("warning: ExposureException team-a/orders-db-partner-access: out of scope:"
                + " spec.resources[0]: namespace orders takes exceptions only from [security]; this one is in team-a" + System.lineSeparator());
        assertThat(delegated.code()).isZero();
        assertThat(delegated.err()).isEmpty();
    }

    @Test
    void aPolicyCanTurnARuleOff() throws IOException {
        String off = file("off.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: quiet}
                spec: {rules: [{id: EG-EXP-004, action: "off"}]}
                """);

        Run run = scan("--fail-on", "low", "--policy", off, POSTGRES);

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

        Run run = scan("--policy", broken, "deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml");

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

        Run run = scan("--policy", bad, POSTGRES);

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
        Run with = scan("--fail-on", "high", "--policy", policy, "deploy/examples/bad/mongo-no-auth-traefik-allowlist.yaml");

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
        String policy = file("acme-policy.yaml", """
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
                """);
        String input = file("acme.yaml", """
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

        Run run = scan("--fail-on", "never", "--policy", policy, input);

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
        assertThat(scan("--fail-on", "medium", "--policy", exception, labelled).code()).isZero();
        assertThat(scan("--fail-on", "medium", "--policy", exception, POSTGRES).code()).isEqualTo(1);
    }

    @Test
    void anIncompleteDatastoreDefinitionIsAnInputError() throws IOException {
        String input = file("bad-def.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: acme}
                spec: {datastores: [{name: AcmeKV, imagePatterns: []}]}
                """);

        Run run = scan("--policy", input, "deploy/examples/good");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("ExposurePolicy acme: spec.datastores[0]: needs a name and at least one image pattern (ignored)");
    }

    @Test
    void namespaceLabelsInTheInputSelectPoliciesAndNameTheTeam() throws IOException {
        String input = file("ns.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: orders, labels: {env: prod, squad: checkout}}
                """);
        String policy = file("prod.yaml", """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: prod}
                spec:
                  namespaceSelector: {matchLabels: {env: prod}}
                  actions: {medium: deny}
                  teamLabel: squad
                """);

        Run run = scan("--policy", policy, POSTGRES, input);

        assertThat(run.out()).contains("action: deny (ExposurePolicy prod: severity medium -> deny); team: checkout");
    }
}
