package io.exposureguard.core.policy;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.Action;

import java.util.List;
import java.util.Optional;

/**
 * What to do about one finding, and why ("ExposurePolicy default: critical -> deny"). {@code team} comes
 * from the finding's namespace label named by the governing policy; {@code exceptedBy} names the exception
 * that turned the finding off; {@code policy} the ExposurePolicy whose action was taken (empty for the
 * built-in default and excluded namespaces); {@code exceptionNamespaces} where an ExposureException for this
 * finding would count (the governing policies' exceptionNamespaces, else the operator's namespace; empty when no
 * exception is needed: the finding is off anyway).
 */
public record Decision(Finding finding, Action action, String reason, String team, Optional<ObjectRef> exceptedBy,
                       Optional<String> policy, List<String> exceptionNamespaces) {

    public Decision {
        exceptionNamespaces = List.copyOf(exceptionNamespaces);
    }

    /** A decision that says nothing about where an exception would count. */
    public Decision(Finding finding, Action action, String reason, String team, Optional<ObjectRef> exceptedBy,
                    Optional<String> policy) {
        this(finding, action, reason, team, exceptedBy, policy, List.of());
    }
}
