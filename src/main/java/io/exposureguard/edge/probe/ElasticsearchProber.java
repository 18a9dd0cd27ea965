package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Elasticsearch and OpenSearch over HTTP(S):
 * <ol>
 *   <li>{@code GET /_cluster/health}: the identity and authentication check. 2xx with {@code cluster_name} and
 *       {@code status} means it answers without credentials; then</li>
 *   <li>{@code GET /_cat/indices?format=json&h=index,docs.count}: how many indices, and documents in them, an
 *       anonymous client can list. Only the counts leave this class; index names are never kept or logged.</li>
 * </ol>
 * A credential demand (401/403) on cluster health is not taken on its word: any endpoint can answer one path with
 * 401 and serve data on the others. The probe then asks {@code /_cat/indices} and {@code GET /} as well. Any of
 * them serving data without credentials (an index list; the root's cluster name and version) makes it OPEN;
 * PROTECTED needs all three to ask for credentials, except that {@code GET /} may answer 405 (some builds do, and
 * 405 is neither data nor a credential demand). Anything else is no verdict.
 */
final class ElasticsearchProber implements Prober {

    static final String HEALTH = "/_cluster/health";
    static final String INDICES = "/_cat/indices?format=json&h=index,docs.count";
    static final String ROOT = "/";

    private static final JsonFactory STREAM = new JsonFactory();

    private final HttpGet http;
    private final String product;

    ElasticsearchProber(HttpGet http, String product) {
        this.http = http;
        this.product = product;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpProbes.Identified health = HttpProbes.identify(http, target, HEALTH, "an " + product,
                body -> body.path("cluster_name").isTextual() && body.path("status").isTextual());
        if (health.ended() != null) {
            return health.ended().verdict() == ProbeResult.Verdict.PROTECTED ? confirmCredentialDemand(target, health.ended()) : health.ended();
        }
        String open = health.asked() + " without credentials";
        HttpGet.Answer indices;
        try {
            indices = http.get(target, INDICES);
        } catch (Exception e) {
            return ProbeResult.open(open + "; GET /_cat/indices failed (" + HttpProbes.reason(http, e) + "), indices not counted");
        }
        if (!indices.success()) {
            return ProbeResult.open(open + "; GET /_cat/indices returned " + indices.status() + ", indices not counted");
        }
        return ProbeResult.open(open + "; GET /_cat/indices returned " + indices.status() + " with " + count(indices));
    }

    /** Cluster health asked for credentials: so must the index list and the root, or the demand is not believed. */
    private ProbeResult confirmCredentialDemand(ProbeTarget target, ProbeResult health) {
        List<String> asked = new ArrayList<>(List.of(health.evidence()));
        HttpGet.Answer indices;
        try {
            indices = http.get(target, INDICES);
        } catch (Exception e) {
            return disagree(asked, "GET /_cat/indices failed (" + HttpProbes.reason(http, e) + ")");
        }
        String indicesAsked = "GET /_cat/indices returned " + indices.status();
        if (indices.success() && isArray(indices)) {
            return ProbeResult.open(indicesAsked + " with " + count(indices) + " without credentials, although "
                    + String.join("; ", asked));
        }
        if (!indices.asksForCredentials()) {
            asked.add(indicesAsked);
            return disagree(asked, indicesAsked + (indices.success() ? " without credentials" : ""));
        }
        asked.add(indicesAsked + HttpProbes.challenge(indices));
        HttpGet.Answer root;
        try {
            root = http.get(target, ROOT);
        } catch (Exception e) {
            return disagree(asked, "GET / failed (" + HttpProbes.reason(http, e) + ")");
        }
        String rootAsked = "GET / returned " + root.status();
        if (root.success() && HttpProbes.isObject(root, body -> body.path("cluster_name").isTextual() && body.path("version").isObject())) {
            return ProbeResult.open(rootAsked + " without credentials (cluster name and version), although " + String.join("; ", asked));
        }
        if (root.asksForCredentials() || root.status() == 405) {
            asked.add(rootAsked + HttpProbes.challenge(root));
            return ProbeResult.protectedBy(String.join("; ", asked));
        }
        asked.add(rootAsked);
        return disagree(asked, rootAsked + (root.success() ? " without credentials" : ""));
    }

    private static ProbeResult disagree(List<String> asked, String other) {
        return ProbeResult.unknown(String.join("; ", asked), "GET /_cluster/health asked for credentials but " + other
                + ": the answers disagree");
    }

    /** A JSON array (what /_cat/indices?format=json answers; one cut at the size cap still counts, as far as read). */
    private static boolean isArray(HttpGet.Answer answer) {
        try (JsonParser parser = STREAM.createParser(answer.body())) {
            return parser.nextToken() == JsonToken.START_ARRAY;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * "3 indices (12 documents)", counted while streaming over the array; a body cut at the size cap gives
     * "at least N indices". Names are skipped, never materialised as strings.
     */
    static String count(HttpGet.Answer answer) {
        int indices = 0;
        long documents = 0;
        boolean complete = false;
        try (JsonParser parser = STREAM.createParser(answer.body())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return "a body that is not a JSON array, indices not counted";
            }
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("docs.count".equals(field) && value == JsonToken.VALUE_STRING) {
                        documents += parseCount(parser.getText());
                    } else if ("docs.count".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                        documents += parser.getLongValue();
                    } else {
                        parser.skipChildren();
                    }
                }
                indices++;
            }
            complete = token == JsonToken.END_ARRAY;
        } catch (IOException e) {
            complete = false;
        }
        String counted = indices + " indices (" + documents + " documents)";
        return complete && !answer.truncated() ? counted : "at least " + counted + " in the first " + answer.body().length
                + " bytes";
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
