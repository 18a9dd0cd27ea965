package io.exposureguard.app.admission;

import io.exposureguard.testing.Management;
import io.exposureguard.testing.TestHttps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged reviews choose their kind and operation. Tagged verbatim, 5,000 made-up kinds grew /q/metrics to 44 MB and
 * 25,000 killed the JVM at the next scrape; from fixed sets, the series stay as they are however many kinds arrive.
 */
@QuarkusTest
@WithKubernetesTestServer
class AdmissionMetricTagsTest {

    private static final HttpClient HTTP = TestHttps.client();

    private static String review(int i) {
        return """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"forged-%d","operation":"OP-%d",
                 "namespace":"eg-tags","kind":{"group":"evil.example","version":"v1","kind":"Kind%d"},
                 "object":{"apiVersion":"evil.example/v1","kind":"Kind%d","metadata":{"name":"x%d","namespace":"eg-tags"}}}}"""
                .formatted(i, i, i, i, i);
    }

    private static void send(int from, int to) throws Exception {
        Semaphore concurrent = new Semaphore(16);
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            concurrent.acquire();
            sent.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + RestAssured.port + "/validate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review(i))).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> concurrent.release()));
        }
        for (CompletableFuture<HttpResponse<Void>> f : sent) {
            assertThat(f.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private static List<String> admissionSeries() {
        return Management.metrics().lines().filter(l -> l.startsWith("exposureguard_admission_")).toList();
    }

    @Test
    void tenThousandMadeUpKindsAddNoSeries() throws Exception {
        send(0, 10);
        List<String> before = admissionSeries();

        send(10, 10_000);

        List<String> after = admissionSeries();
        assertThat(after).hasSameSizeAs(before);
        assertThat(String.join("\n", after)).doesNotContain("Kind9999", "OP-").contains("kind=\"other\",operation=\"other\"");
    }
}
