package io.exposureguard.core.model;

import java.util.Locale;

/**
 * Where users read about exposure-guard: the one home its reports, denials and help texts link to. A rule's section
 * of {@code docs/rules.md} is headed by its id, so its anchor is the id in lower case.
 */
public final class Documentation {

    /** The project's home. */
    public static final String HOME = "https://github.com/exposure-guard/exposure-guard";

    /** The docs folder at the branch the published docs follow. */
    public static final String DOCS = HOME + "/blob/main/docs/";

    private Documentation() {
    }

    /** "https://.../docs/rules.md#eg-exp-001" */
    public static String rule(String ruleId) {
        return DOCS + "rules.md#" + ruleId.toLowerCase(Locale.ROOT);
    }
}
