package io.exposureguard.probe;

/** Wording shared by the HTTP probers. */
final class HttpProbes {

    private HttpProbes() {
    }

    /** " (WWW-Authenticate: Basic)" when the answer named a scheme. */
    static String challenge(HttpGet.Answer answer) {
        return answer.authenticate().map(s -> " (WWW-Authenticate: " + s + ")").orElse("");
    }

    static String redirected(HttpGet.Answer answer) {
        return "redirected to " + answer.location().orElse("no location") + ", not followed";
    }
}
