package io.exposureguard.core.rules;

import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Severity;

import java.util.List;

/** A rule that judges each exposure path on its own: which paths it applies to, how severe, how to fix. */
abstract class PathRule implements Rule {

    abstract boolean applies(ExposurePath path);

    abstract Severity severity(ExposurePath path);

    /** What is wrong with the datastore, as the finding says it: "has authentication disabled". */
    abstract String problem();

    String remediation(ExposurePath path) {
        return PathFindings.authOrClose(path);
    }

    @Override
    public final List<Finding> evaluate(Analysis analysis) {
        return analysis.paths().stream()
                .filter(this::applies)
                .map(p -> PathFindings.of(info(), severity(p), p, problem(), remediation(p),
                        analysis.inventory().networkPolicies().limiting(p.datastore(), p.port())))
                .toList();
    }
}
