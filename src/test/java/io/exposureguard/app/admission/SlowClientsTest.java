package io.exposureguard.app.admission;

import io.exposureguard.testing.Management;
import io.exposureguard.testing.TestHttps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Slow-loris against the webhook port: hundreds of connections that send a review's headers and then trickle (or
 * withhold) its body. They hold no thread (the body is read on the event loop) and only their own source's share of
 * the body budget, so a real review from another address is still judged, and liveness, readiness and metrics (on the
 * management port) still answer. The attackers connect from 127.0.0.2-4, the "API server" from 127.0.0.1. The body
 * deadline is long here (60 s, so that opening 200 connections on a loaded machine never outlasts it), so what keeps the server up is not that the attackers are cut off.
 */
@QuarkusTest
@WithKubernetesTestServer
@TestProfile(SlowClientsTest.LongBodyDeadline.class)
class SlowClientsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    /** More than Quarkus' default worker pool (200 on this machine) and than the attack that blocked it. */
    private static final int ATTACKERS = 300;

    public static class LongBodyDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exposure-guard.admission.body-deadline", "PT60S",
                    "exposure-guard.admission.body-budget-per-source-bytes", String.valueOf(200 * 1000),
                    "exposure-guard.admission-deadline", "PT3S");
        }
    }

    private final List<Socket> attackers = new ArrayList<>();

    @AfterEach
    void closeAttackers() {
        attackers.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // already closed by the server
            }
        });
    }

    /** Opens a TLS connection from {@code source} and sends a review's headers and its first body byte only. */
    private Socket trickler(String source) throws IOException {
        SSLSocket socket = (SSLSocket) TestHttps.trustingAnyCertificate().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), RestAssured.port, InetAddress.getByName(source), 0);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static HasMetadata publicRedis() {
        return JSON.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: eg-slow}
                spec: {type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}
                """);
    }

    @Test
    void tricklingBodiesHoldNoThreadSoAReviewAndTheHealthChecksAreStillAnswered() throws Exception {
        ExecutorService opening = Executors.newFixedThreadPool(8);
        List<Future<Socket>> opened = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            String source = i % 2 == 0 ? "127.0.0.2" : "127.0.0.4"; // 150 each: within each source's share of the budget
            opened.add(opening.submit(() -> trickler(source)));
        }
        for (Future<Socket> f : opened) {
            attackers.add(f.get(60, TimeUnit.SECONDS));
        }
        opening.shutdown();

        ExecutorService reviewer = Executors.newSingleThreadExecutor();
        Future<JsonPath> review = reviewer.submit(() -> AdmissionRequests.send("/validate", "while-attacked", "CREATE", "eg-slow",
                publicRedis(), false));
        JsonPath answer = review.get(15, TimeUnit.SECONDS);
        reviewer.shutdown();

        assertThat(answer.getString("response.uid")).isEqualTo("while-attacked");
        assertThat(answer.getList("response.warnings", String.class)).as("judged, not answered late").noneMatch(w -> w.contains("did not finish"));
        Management.request().get("/q/health/live").then().statusCode(200);
        Management.request().get("/q/health/ready").then().statusCode(200);
        assertThat(Management.metrics()).contains("exposureguard_admission_decisions_total{decision=\"allowed\",kind=\"Service\",operation=\"CREATE\"}");
    }

    @Test
    void oneSourceHoldsNoMoreThanItsShareOfTheBodyBudget() throws Exception {
        for (int i = 0; i < 200; i++) {
            attackers.add(trickler("127.0.0.3")); // 200 x 1,000 bytes: the whole 200,000-byte share of 127.0.0.3
        }
        Socket oneMore = trickler("127.0.0.3");
        attackers.add(oneMore);
        Socket otherSource = trickler("127.0.0.5");
        attackers.add(otherSource);
        otherSource.setSoTimeout(1000);

        assertThat(new String(oneMore.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 503");
        assertThatThrownBy(() -> otherSource.getInputStream().read()).as("another source's review is still being read")
                .isInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void aReviewWithoutContentLengthIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestHttps.trustingAnyCertificate().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();

            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 411");
        }
    }
}
