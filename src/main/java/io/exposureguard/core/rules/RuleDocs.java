package io.exposureguard.core.rules;

import io.exposureguard.core.kinds.KindsDocs;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.RuleInfo;

/**
 * Renders docs/rules.md from the catalog and the kind registry, so the docs cannot drift from the code (a test
 * compares them).
 */
public final class RuleDocs {

    private RuleDocs() {
    }

    /** The catalog's rules, then findings produced outside the engine (remediation's opt-out, say). */
    public static String markdown(RuleCatalog catalog, java.util.List<RuleInfo> outsideTheEngine) {
        java.util.List<RuleInfo> all = new java.util.ArrayList<>(catalog.infos());
        all.addAll(outsideTheEngine);
        StringBuilder md = new StringBuilder();
        md.append("# exposure-guard rules\n\n")
                .append("<!-- Generated from the rule catalog (io.exposureguard.core.rules.RuleCatalog) by `make docs`;")
                .append(" do not edit by hand. A test fails when this file is stale. -->\n\n")
                .append("Each finding carries the rule id, a severity, the exposure path from outside to the datastore,")
                .append(" the facts behind the verdict and a concrete fix. The severity below is the highest a rule")
                .append(" reports; the rationale says when a finding is lower. Probe evidence (docs/probe.md) can make a")
                .append(" finding critical (the datastore answered without credentials); it lowers one to low (it asked for")
                .append(" them) only where the policy sets spec.probe.trustCredentialAnswers.\n\n")
                .append("| id | title | severity |\n|---|---|---|\n");
        for (RuleInfo r : all) {
            md.append("| [").append(r.id()).append("](#").append(r.id().toLowerCase()).append(") | ")
                    .append(r.title()).append(" | ").append(r.severity().label()).append(" |\n");
        }
        for (RuleInfo r : all) {
            md.append("\n## ").append(r.id()).append("\n\n")
                    .append("**").append(r.title()).append("** (").append(r.severity().label()).append(")\n\n")
                    .append("Why: ").append(r.rationale()).append("\n\n")
                    .append("How to fix: ").append(r.remediation()).append("\n");
        }
        md.append(KindsDocs.markdown(ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE));
        return md.toString();
    }
}
