package io.exposureguard.core.rules;

import io.exposureguard.core.model.RuleInfo;

import java.util.List;
import java.util.Optional;

/** Every rule exposure-guard runs, in the order the docs list them. */
public final class RuleCatalog {

    private final List<Rule> rules;

    /** The built-in rules. */
    public RuleCatalog() {
        this(List.of(
                new UnauthenticatedExternalRule(),
                new AnonymousExternalRule(),
                new OpenInsideClusterRule(),
                new AuthenticatedDirectExposureRule(),
                new UnverifiedAuthExposureRule(),
                new UnconfirmedPathRule(),
                new PlaintextHttpRule()));
    }

    /** Exactly these rules (tests, and the engine's robustness against a failing rule). */
    public RuleCatalog(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<RuleInfo> infos() {
        return rules.stream().map(Rule::info).toList();
    }

    public java.util.Set<String> ids() {
        return rules.stream().map(r -> r.info().id()).collect(java.util.stream.Collectors.toSet());
    }

    public Optional<RuleInfo> info(String id) {
        return infos().stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
