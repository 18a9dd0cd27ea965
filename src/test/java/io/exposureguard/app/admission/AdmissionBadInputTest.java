package io.exposureguard.app.admission;

import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.restassured.RestAssured;
import io.exposureguard.testing.TestHttps;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.awaitility.Awaitility.await;

/** Every shipped example through /validate, and the malformed requests a webhook must survive. */
@QuarkusTest
@WithKubernetesTestServer
class AdmissionBadInputTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static Stream<Path> badExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("deploy/examples/bad"))) {
            return files.sorted().toList().stream();
        }
    }

    static Stream<Path> goodExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("deploy/examples/good"))) {
            return files.sorted().toList().stream();
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    /**
     * Puts every object of a manifest file into the (mock) cluster, waits until the operator's cache holds
     * them, then submits each as an UPDATE: each object is judged together with the rest of its file, as
     * it would be once applied.
     */
    private List<JsonPath> judgeInContext(Path file) {
        // Stored as the API server stores them: an old apiVersion converted to the current one.
        List<HasMetadata> objects = new ManifestReader().read(List.of(file.toString()), System.in).objects().stream()
                .map(LoadedObject::object).map(ClusterFixtures::stored).toList();
        ClusterFixtures.installThirdPartyCrds(client);
        objects.forEach(o -> ClusterFixtures.apply(client, o));
        // The operator does not cache Secrets unless told to read them (operator.readSecrets): none to wait for.
        Set<ObjectRef> wanted = objects.stream().filter(o -> !"Secret".equals(o.getKind())).map(InventoryBuilder::ref)
                .collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.clusterState().objects().stream()
                .map(InventoryBuilder::ref).collect(Collectors.toSet()).containsAll(wanted));
        return objects.stream().map(o -> post(o, "UPDATE")).toList();
    }

    private static JsonPath post(HasMetadata o, String operation) {
        return AdmissionRequests.send("/validate", "uid-" + o.getMetadata().getName(), operation,
                o.getMetadata().getNamespace(), o, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodExamples")
    void everyGoodExampleIsAllowedWithoutWarnings(Path file) {
        assertThat(judgeInContext(file)).allSatisfy(r -> {
            assertThat(r.getBoolean("response.allowed")).isTrue();
            assertThat(r.getList("response.warnings")).isNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badExamples")
    void everyBadExampleIsDeniedOrWarnedWithItsRuleIds(Path file) throws IOException {
        List<String> expected = Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length()).trim()).toList();
        boolean critical = expected.stream().anyMatch(e -> e.endsWith(" critical"));

        List<JsonPath> responses = judgeInContext(file);

        String said = responses.stream().map(r -> r.getString("response.status.message") + " " + r.getList("response.warnings"))
                .collect(Collectors.joining(" "));
        expected.forEach(e -> assertThat(said).contains(e.split(" ")[0]));
        assertThat(responses.stream().anyMatch(r -> !r.getBoolean("response.allowed")))
                .as("denied exactly when a critical finding is expected (secure default)").isEqualTo(critical);
    }

    @Test
    void malformedJsonIsA400WithoutAStackTrace() {
        given().contentType(ContentType.JSON).body("{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {")
                .post("/validate").then().statusCode(400).body(not(containsString("at io.")));
    }

    @Test
    void aReviewWithoutRequestIsA400() {
        given().contentType(ContentType.JSON).body("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\"}")
                .post("/validate").then().statusCode(400).body(not(containsString("at io.")));
    }

    @Test
    void aRequestWithoutObjectIsAllowedWithAWarningNamingTheUid() {
        JsonPath r = given().contentType(ContentType.JSON).body("""
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "no-object-1", "operation": "CREATE", "namespace": "x",
                             "kind": {"group": "", "version": "v1", "kind": "Service"}}}
                """).post("/validate").then().statusCode(200).extract().jsonPath();

        assertThat(r.getString("response.uid")).isEqualTo("no-object-1");
        assertThat(r.getBoolean("response.allowed")).isTrue();
        assertThat(r.getList("response.warnings", String.class)).singleElement().asString().contains("no-object-1");
    }

    @Test
    void anUnknownKindIsAllowed() {
        JsonPath r = given().contentType(ContentType.JSON).body("""
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "u2", "operation": "CREATE", "namespace": "x",
                             "kind": {"group": "example.com", "version": "v1", "kind": "Widget"},
                             "object": {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"size": 3}}}}
                """).post("/validate").then().statusCode(200).extract().jsonPath();

        assertThat(r.getBoolean("response.allowed")).isTrue();
    }

    @Test
    void theWrongContentTypeIsRefused() {
        given().contentType(ContentType.TEXT).body("hello").post("/validate").then().statusCode(415);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String big = "{\"apiVersion\": \"admission.k8s.io/v1\", \"pad\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + RestAssured.port + "/validate"))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(big)).build();

        int status = TestHttps.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(status).isEqualTo(413);
    }

    @Test
    void aBodyThatDoesNotArriveWithinTheBodyDeadlineIsAnswered408AndItsConnectionClosed() throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) TestHttps.trustingAnyCertificate().getSocketFactory()
                .createSocket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("the request body did not arrive within 2000 ms");
        }
    }
}
