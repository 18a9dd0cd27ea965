package io.exposureguard.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * A java.net.http client for the test app's HTTPS port, which serves a certificate of its own short-lived CA.
 * It trusts any certificate: tests that prove trust (WebhookHttpsTest) build their own client trusting one CA.
 */
public final class TestHttps {

    private TestHttps() {
    }

    public static HttpClient client() {
        return client(HttpClient.Version.HTTP_1_1);
    }

    public static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(trustingAnyCertificate())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static SSLContext trustingAnyCertificate() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustingAnyServer(), new SecureRandom());
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Trust managers that accept any server certificate for any host name (for a client that also presents its own
     * certificate). An X509ExtendedTrustManager: the JDK wraps a plain X509TrustManager with its own host name check.
     */
    public static TrustManager[] trustingAnyServer() {
        return new TrustManager[] {new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
    }
}
