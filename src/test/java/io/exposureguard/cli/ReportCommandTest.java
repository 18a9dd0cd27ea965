package io.exposureguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.kube.ClusterFixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.exposureguard.core.report.ReportApi;
import io.exposureguard.kube.CustomResourceKinds;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report}: the same findings for a live cluster, read through a kubeconfig with the operator's cache, against
 * Fabric8's mock API server in CRUD mode.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ReportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void aLiveClusterGetsTheSameFindingsAsScanOfTheManifestsItHolds() throws IOException {
        ClusterFixtures.installThirdPartyCrds(client);
        new ManifestReader().read(List.of("deploy/examples"), System.in).objects().stream().map(LoadedObject::object)
                .forEach(o -> ClusterFixtures.apply(client, o));

        Run report = report("--format", "json");
        HtmlReportTest.Run scan = HtmlReportTest.scan("--format", "json", "--fail-on", "never", "deploy/examples");

        assertThat(report.err()).isEmpty();
        assertThat(report.exit()).isZero();
        assertThat(verdicts(report.out())).hasSizeGreaterThan(10).isEqualTo(verdicts(scan.out()));
    }

    @Test
    void theHtmlReportOfAClusterNamesItAndDrawsEachPath() throws IOException {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("shop", "LoadBalancer"));
        Path file = dir.resolve("cluster.html");

        Run run = report("-o", file.toString());

        assertThat(run.exit()).isZero();
        String html = Files.readString(file);
        assertThat(html).contains("Scanned: cluster " + client.getConfiguration().getMasterUrl(), "shop/cache");
        assertThat(html).contains("EG-EXP-001");
    }

    @Test
    void failOnGivesExitOneForAnOpenDatastore() {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("shop", "LoadBalancer"));

        assertThat(report("--format", "text", "--fail-on", "high").exit()).isEqualTo(1);
    }

    @Test
    void anExposureExceptionInTheClusterTurnsTheFindingOff() throws IOException {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("shop", "LoadBalancer"));
        JsonNode open = JSON.readTree(report("--format", "json").out()).get("findings").get(0);
        assertThat(open.get("ruleId").asText()).isEqualTo("EG-EXP-001");
        ClusterFixtures.apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: cache-demo, namespace: exposure-guard}
                spec:
                  rules: [EG-EXP-001]
                  resources: [{kind: %s, namespace: shop, name: %s}]
                  reason: demo cache, no data
                  approvedBy: security@example.com
                  expiresAt: "2099-01-01T00:00:00Z"
                """.formatted(open.get("resource").get("kind").asText(), open.get("resource").get("name").asText()));

        JsonNode json = JSON.readTree(report("--format", "json").out());

        assertThat(json.get("findings")).noneSatisfy(f -> assertThat(f.get("ruleId").asText()).isEqualTo("EG-EXP-001"));
        assertThat(json.get("suppressed")).anySatisfy(f -> assertThat(f.get("resource").get("name").asText())
                .isEqualTo(open.get("resource").get("name").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReportApi.class)
    void probeResultsFromTheOperatorsReportAreAddedAsFactsAndChangeNoSeverity(ReportApi api) throws IOException {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("shop", "LoadBalancer"));
        JsonNode before = JSON.readTree(report("--format", "json").out()).get("findings").get(0);
        client.genericKubernetesResources(CustomResourceKinds.report(api)).inNamespace("shop").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(api.apiVersion()).withKind(api.kind())
                .withNewMetadata().withName("exposure-guard").withNamespace("shop").endMetadata()
                .addToAdditionalProperties("results", List.of(Map.of(
                        "rule", before.get("ruleId").asText(), "severity", "low",
                        "resources", List.of(Map.of("kind", before.get("resource").get("kind").asText(), "namespace", "shop",
                                "name", before.get("resource").get("name").asText())),
                        "properties", Map.of("facts", "some other fact; probe: PING answered -NOAUTH: the datastore asks for credentials"))))
                .build()).create();

        JsonNode with = JSON.readTree(report("--format", "json", "--with-probe-evidence").out()).get("findings").get(0);
        JsonNode without = JSON.readTree(report("--format", "json").out()).get("findings").get(0);

        assertThat(texts(with.get("facts"))).contains("probe: PING answered -NOAUTH: the datastore asks for credentials")
                .doesNotContain("some other fact");
        assertThat(texts(without.get("facts"))).noneSatisfy(f -> assertThat(f).startsWith("probe"));
        assertThat(with.get("severity").asText()).isEqualTo(before.get("severity").asText());
    }

    @Test
    void anApiServerThatCannotBeReachedIsOneErrorAndExitTwo() throws IOException {
        Path kubeconfig = kubeconfig("http://127.0.0.1:1");

        Run run = ReportCommandTest.run("--kubeconfig", kubeconfig.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("error: cannot reach the API server at http://127.0.0.1:1/");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theKubeconfigGivenIsTheOneUsedWhateverKubernetesSystemPropertiesSay() {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("shop", "LoadBalancer"));
        String before = System.getProperty("kubernetes.master");
        System.setProperty("kubernetes.master", "http://127.0.0.1:1");
        try {
            Run run = report("--format", "json");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("EG-EXP-001");
        } finally {
            if (before == null) {
                System.clearProperty("kubernetes.master");
            } else {
                System.setProperty("kubernetes.master", before);
            }
        }
    }

    @Test
    void aKubeconfigThatCannotBeReadIsOneErrorNamingIt() throws IOException {
        Path kubeconfig = dir.resolve("missing-kubeconfig");

        Run run = ReportCommandTest.run("--kubeconfig", kubeconfig.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: --kubeconfig " + kubeconfig + ": cannot read it");
    }

    // ---- helpers ----

    record Run(int exit, String out, String err) {
    }

    private Run report(String... args) {
        try {
            List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig(client.getConfiguration().getMasterUrl()).toString()));
            all.addAll(List.of(args));
            return run(all.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path kubeconfig(String server) throws IOException {
        Path file = Files.createTempFile(dir, "kubeconfig", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: test, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: test, user: {token: test-token}}]
                contexts: [{name: test, context: {cluster: test, user: test}}]
                current-context: test
                """.formatted(server));
        return file;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> verdicts(String json) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(json).get("findings")) {
            out.add(f.get("ruleId").asText() + " " + f.get("severity").asText() + " " + f.get("resource").get("kind").asText() + " "
                    + f.get("resource").get("namespace").asText() + "/" + f.get("resource").get("name").asText() + " " + f.get("action").asText());
        }
        return out.stream().sorted().toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
