package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeTarget;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only HTTP the probes send: a GET over HTTP/1.1 with the JDK client, or a POST of a fixed JSON read request to
 * the APIs that read only through POST (etcd's gRPC gateway, Milvus), no Authorization header (no
 * {@link java.net.Authenticator}, so none is ever added in answer to a 401), no cookies, no proxy, redirects
 * not followed, TLS accepted without verification ({@link TrustAll}). Bodies are kept only for 2xx answers (and
 * for a POST's 4xx, where those APIs put their error) and only up to {@link ProbeSettings#maxResponseBytes()}.
 */
final class HttpGet {

    static final String USER_AGENT = "exposure-guard-probe";

    /** A response: status, the Location and WWW-Authenticate headers, and the (possibly cut) body of a 2xx (or a POST's 4xx). */
    record Answer(int status, Optional<String> location, Optional<String> authenticate, byte[] body, boolean truncated) {

        boolean success() {
            return status >= 200 && status < 300;
        }

        boolean redirect() {
            return status >= 300 && status < 400;
        }

        boolean asksForCredentials() {
            return status == 401 || status == 403;
        }
    }

    private final ProbeSettings settings;
    private final HttpClient client;

    HttpGet(ProbeSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(settings.connectTimeout())
                .sslContext(TrustAll.context())
                .build();
    }

    ProbeSettings settings() {
        return settings;
    }

    /** GET {@code pathAndQuery}; throws what the client throws (the caller turns it into a reason). */
    Answer get(ProbeTarget target, String pathAndQuery) throws Exception {
        return send(request(target, pathAndQuery).GET().build(), false);
    }

    /** POST the JSON {@code body} to {@code path}; as {@link #get}, but a 4xx body is kept too. */
    Answer postJson(ProbeTarget target, String path, String body) throws Exception {
        return send(request(target, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build(), true);
    }

    private HttpRequest.Builder request(ProbeTarget target, String pathAndQuery) {
        URI uri = URI.create((target.tls() ? "https" : "http") + "://" + target.hostForUri() + ":" + target.port() + pathAndQuery);
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest request, boolean keepClientErrors) throws Exception {
        CompletableFuture<HttpResponse<Capped>> pending = client.sendAsync(request, info -> info.statusCode() / 100 == 2 || keepClientErrors && info.statusCode() / 100 == 4
                ? new CappedBody(settings.maxResponseBytes())
                : HttpResponse.BodySubscribers.replacing(Capped.EMPTY));
        HttpResponse<Capped> response;
        try {
            // The request timeout covers the wait for the status line; this bounds reading the body as well.
            response = pending.get(settings.connectTimeout().plus(settings.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new java.net.http.HttpTimeoutException("response body not complete in time");
        }
        Capped body = response.body();
        return new Answer(response.statusCode(),
                response.headers().firstValue("Location").map(HttpGet::withoutSecrets),
                response.headers().firstValue("WWW-Authenticate").map(HttpGet::schemeOnly),
                body.bytes(), body.truncated());
    }

    /** A redirect target without user info, query or fragment (they may carry tokens). */
    static String withoutSecrets(String location) {
        try {
            URI u = new URI(location.trim());
            return Failures.printable(new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "an unparsable location";
        }
    }

    /** "Basic" of "Basic realm=\"security\" charset=\"UTF-8\"". */
    static String schemeOnly(String challenge) {
        String trimmed = challenge.trim();
        int space = trimmed.indexOf(' ');
        return Failures.printable(space < 0 ? trimmed : trimmed.substring(0, space));
    }

    record Capped(byte[] bytes, boolean truncated) {
        static final Capped EMPTY = new Capped(new byte[0], false);
    }

    /** Collects at most {@code cap} bytes, then cancels the rest of the body (the client closes the connection). */
    private static final class CappedBody implements HttpResponse.BodySubscriber<Capped> {

        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Capped> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<Capped> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), cap - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
                if (buffer.hasRemaining()) {
                    subscription.cancel();
                    result.complete(new Capped(bytes.toByteArray(), true));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new Capped(bytes.toByteArray(), false));
        }
    }
}
