package io.exposureguard.core.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * What an unauthenticated probe found. {@code evidence} says what was asked and answered ("GET /_cat/indices
 * returned 200 with 3 indices"), {@code reason} why there is no verdict ("connection refused"); either may be
 * empty. Neither ever holds document contents, index or database names, or credentials.
 */
public record ProbeResult(Verdict verdict, String evidence, String reason, Duration duration) {

    public enum Verdict {
        /** The datastore answered a data-level request without credentials. */
        OPEN,
        /** The datastore (or a proxy in front of it) asked for credentials. */
        PROTECTED,
        /** No verdict: unreachable, timed out, an unexpected answer, or not the expected datastore. */
        UNKNOWN,
        /** There is no probe for this kind of datastore (or probing is off). */
        UNSUPPORTED,
        /** The target is not an address the probe may send to (ProbeTargetPolicy): nothing was sent. */
        REFUSED
    }

    public ProbeResult {
        Objects.requireNonNull(verdict, "verdict");
        evidence = evidence == null ? "" : evidence;
        reason = reason == null ? "" : reason;
        duration = duration == null ? Duration.ZERO : duration;
    }

    public static ProbeResult open(String evidence) {
        return new ProbeResult(Verdict.OPEN, evidence, "", Duration.ZERO);
    }

    public static ProbeResult protectedBy(String evidence) {
        return new ProbeResult(Verdict.PROTECTED, evidence, "", Duration.ZERO);
    }

    public static ProbeResult unknown(String reason) {
        return new ProbeResult(Verdict.UNKNOWN, "", reason, Duration.ZERO);
    }

    /** Unknown, with what was seen on the way ("GET /_cluster/health returned 302"). */
    public static ProbeResult unknown(String evidence, String reason) {
        return new ProbeResult(Verdict.UNKNOWN, evidence, reason, Duration.ZERO);
    }

    public static ProbeResult unsupported(String reason) {
        return new ProbeResult(Verdict.UNSUPPORTED, "", reason, Duration.ZERO);
    }

    /** Not probed: {@code reason} says why the target is not one the probe may send to. */
    public static ProbeResult refused(String reason) {
        return new ProbeResult(Verdict.REFUSED, "", reason, Duration.ZERO);
    }

    public ProbeResult withDuration(Duration took) {
        return new ProbeResult(verdict, evidence, reason, took);
    }

    /** One line for logs and events: "OPEN: GET ... (120 ms)", "UNKNOWN: connection refused (3 ms)". */
    public String summary() {
        String text = evidence.isEmpty() ? reason : reason.isEmpty() ? evidence : evidence + "; " + reason;
        return verdict + ": " + text + " (" + duration.toMillis() + " ms)";
    }
}
