package io.exposureguard.policy;

import io.exposureguard.model.policy.ExposureException;
import io.exposureguard.model.policy.ExposurePolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a decision depends on besides the findings: the installed policies and exceptions, the
 * operator's own namespace (always excluded; default home of exceptions), namespace labels (selectors,
 * team), and the time, passed in so decisions are reproducible.
 */
public record PolicyContext(
        List<ExposurePolicy> policies,
        List<ExposureException> exceptions,
        String operatorNamespace,
        Map<String, Map<String, String>> namespaceLabels,
        Instant now) {

    public PolicyContext {
        policies = List.copyOf(policies);
        exceptions = List.copyOf(exceptions);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }
}
