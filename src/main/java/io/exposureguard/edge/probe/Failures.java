package io.exposureguard.edge.probe;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what went wrong on the wire into a short reason. Exception messages that could echo server bytes are not copied. */
final class Failures {

    private Failures() {
    }

    /**
     * @param connectTimeout reported when the connect step timed out
     * @param readTimeout    reported when waiting for an answer timed out
     */
    static String reason(Throwable failure, Duration connectTimeout, Duration readTimeout) {
        Throwable t = unwrap(failure);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "connect timed out after " + human(connectTimeout);
            }
            if (c instanceof HttpTimeoutException) {
                return "timed out after " + human(readTimeout) + " waiting for a response";
            }
            if (c instanceof SocketTimeoutException ste) {
                return message(ste).contains("connect")
                        ? "connect timed out after " + human(connectTimeout)
                        : "timed out after " + human(readTimeout) + " waiting for a response";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof ConnectException ce && message(ce).contains("refused")) {
                return "connection refused";
            }
            // The JDK 17 HttpClient reports a refused connection as a bare ConnectException caused by the
            // ClosedChannelException of the socket it closed; other connect failures keep their own message.
            if (c instanceof ConnectException ce && ce.getMessage() == null
                    && (ce.getCause() == null || ce.getCause() instanceof java.nio.channels.ClosedChannelException)) {
                return "connection refused";
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException ce) {
                return ce.getMessage() == null ? "could not connect" : "could not connect: " + printable(ce.getMessage());
            }
            if (c instanceof SSLException) {
                return "TLS failed (" + tlsHint(c) + ")";
            }
            if (c instanceof ProtocolException) {
                return "not an HTTP response";
            }
            if (c instanceof EOFException) {
                return "connection closed without a complete response";
            }
            if (c instanceof SocketException se && message(se).contains("reset")) {
                return "connection reset by the server";
            }
        }
        String m = message(t);
        if (m.contains("header parser received no bytes") || m.contains("eof reached") || m.contains("closed")) {
            return "connection closed without a complete response";
        }
        if (m.contains("status line") || m.contains("invalid") && m.contains("header")) {
            return "not an HTTP response";
        }
        // Messages of other failures (a malformed header, say) may quote what the server sent: name the type only.
        return "failed with " + t.getClass().getSimpleName();
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** "2s", "500ms", "1.5s". */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /** At most 80 printable ASCII characters; everything else becomes '?'. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 80; i++) {
            char ch = text.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return text.length() > 80 ? b + "..." : b.toString();
    }

    private static String tlsHint(Throwable c) {
        String m = message(c);
        if (m.contains("unrecognized ssl message") || m.contains("plaintext")) {
            return "the endpoint does not speak TLS";
        }
        if (m.contains("remote host terminated") || m.contains("closed")) {
            return "the server closed the connection during the handshake";
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : printable(c.getMessage());
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
