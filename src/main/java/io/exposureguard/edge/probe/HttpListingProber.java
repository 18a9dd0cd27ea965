package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * A datastore whose REST API lists what it holds: one {@code GET} of the listing (CouchDB's {@code /_all_dbs},
 * Qdrant's {@code /collections}, ...). A 2xx JSON answer with the list where the product puts it means the data is
 * served without credentials (the number of entries is reported, never their names); 401/403 means credentials are
 * asked for; anything else is no verdict.
 */
final class HttpListingProber implements Prober {

    /**
     * @param path    the listing's path and query
     * @param shape     JSON pointer ("" for the whole body) to what the product's answer always holds
     * @param shapeType what is there: an array or an object
     * @param list      JSON pointer to the list that is counted (an array, or an object of entries; absent: 0)
     * @param entries   what the list holds, for the evidence ("databases")
     */
    record Listing(String path, String shape, JsonNodeType shapeType, String list, String entries) {

        /** A listing that is an array at {@code list}, counted. */
        static Listing of(String path, String list, String entries) {
            return new Listing(path, list, JsonNodeType.ARRAY, list, entries);
        }
    }

    private final HttpGet http;
    private final String product;
    private final Listing listing;

    HttpListingProber(HttpGet http, String product, Listing listing) {
        this.http = http;
        this.product = product;
        this.listing = listing;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpProbes.Identified answer = HttpProbes.identifyAnswer(http, target, listing.path(), HttpProbes.withArticle(product),
                a -> HttpProbes.json(a).map(body -> body.at(listing.shape())).filter(n -> n.getNodeType() == listing.shapeType()).isPresent());
        if (answer.ended() != null) {
            return answer.ended();
        }
        int count = HttpProbes.json(answer.answer()).map(body -> body.at(listing.list())).filter(JsonNode::isContainerNode)
                .map(JsonNode::size).orElse(0);
        return ProbeResult.open(answer.asked() + " with " + count + " " + listing.entries() + " without credentials");
    }
}
