package io.exposureguard.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Elasticsearch and OpenSearch over HTTP(S), two GETs:
 * <ol>
 *   <li>{@code GET /_cluster/health}: the identity and authentication check (not {@code GET /}, which some builds
 *       answer with 405). 2xx with {@code cluster_name} and {@code status} means it answers without credentials;
 *       401/403 means it asks for them (whether Elasticsearch itself or a proxy in front of it says so).</li>
 *   <li>{@code GET /_cat/indices?format=json&h=index,docs.count}: how many indices, and documents in them, an
 *       anonymous client can list. Only the counts leave this class; index names are never kept or logged.</li>
 * </ol>
 */
final class ElasticsearchProber implements Prober {

    static final String HEALTH = "/_cluster/health";
    static final String INDICES = "/_cat/indices?format=json&h=index,docs.count";

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
            return health.ended();
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
