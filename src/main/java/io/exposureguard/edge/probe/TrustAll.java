package io.exposureguard.edge.probe;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/**
 * TLS without certificate or host name verification. The probe tests authentication, not PKI: a datastore
 * with a self-signed certificate and no authentication is open, and it must be reported as such. Nothing
 * secret is ever sent over these connections, so an intercepting party learns only what the probe asked.
 * <p>
 * An {@link X509ExtendedTrustManager} (not a plain X509TrustManager, which the JDK wraps with its own host
 * name check) whose checks accept everything: the JDK leaves endpoint identification to it.
 */
final class TrustAll {

    private static final X509ExtendedTrustManager ACCEPT_ANY = new X509ExtendedTrustManager() {
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
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private TrustAll() {
    }

    /** One context for all probes (an SSLContext is thread-safe once initialised). */
    static SSLContext context() {
        return Holder.CONTEXT;
    }

    private static final class Holder {
        private static final SSLContext CONTEXT = create();
    }

    private static SSLContext create() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{ACCEPT_ANY}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS support in this JVM: " + e.getMessage(), e);
        }
    }
}
