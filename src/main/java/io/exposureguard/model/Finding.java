package io.exposureguard.model;

import java.util.List;

/**
 * One problem the engine found. {@code resource} is the object a user should look at (and where events,
 * SARIF locations and admission denials attach); {@code path} is the exposure path from outside to the
 * datastore, one hop per element; {@code facts} are the observations the verdict rests on.
 */
public record Finding(
        RuleInfo rule,
        Severity severity,
        ObjectRef resource,
        ObjectRef datastore,
        String message,
        List<String> path,
        List<String> facts,
        String remediation) {

    public Finding {
        path = List.copyOf(path);
        facts = List.copyOf(facts);
    }

    /** "internet -> LoadBalancer Service shop/es-http:9200 -> ..." */
    public String pathText() {
        return String.join(" -> ", path);
    }
}
