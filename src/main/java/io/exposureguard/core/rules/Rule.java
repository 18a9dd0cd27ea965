package io.exposureguard.core.rules;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.RuleInfo;

import java.util.List;

/** One rule: what users read about it, and a pure function from the analysis to findings. */
public interface Rule {
    RuleInfo info();

    List<Finding> evaluate(Analysis analysis);
}
