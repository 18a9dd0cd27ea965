package io.exposureguard.core.policy;

import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a decision depends on besides the findings: the installed policies and exceptions, the
 * operator's own namespace (always excluded; default home of exceptions), namespace labels (selectors,
 * team), the time, passed in so decisions are reproducible, and object labels (exception selectors).
 */
public record PolicyContext(
        List<ExposurePolicy> policies,
        List<ExposureException> exceptions,
        String operatorNamespace,
        Map<String, Map<String, String>> namespaceLabels,
        Instant now,
        Map<ObjectRef, Map<String, String>> objectLabels) {

    public PolicyContext {
        policies = List.copyOf(policies);
        exceptions = List.copyOf(exceptions);
        namespaceLabels = Map.copyOf(namespaceLabels);
        objectLabels = Map.copyOf(objectLabels);
    }

    /** Without object labels (exceptions with a label selector then match nothing). */
    public PolicyContext(List<ExposurePolicy> policies, List<ExposureException> exceptions, String operatorNamespace,
                         Map<String, Map<String, String>> namespaceLabels, Instant now) {
        this(policies, exceptions, operatorNamespace, namespaceLabels, now, Map.of());
    }
}
