package io.exposureguard.core.policy;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.Action;

import java.util.Optional;

/**
 * What to do about one finding, and why ("ExposurePolicy default: critical -> deny"). {@code team} comes
 * from the finding's namespace label named by the governing policy; {@code exceptedBy} names the exception
 * that turned the finding off; {@code policy} the ExposurePolicy whose action was taken (empty for the
 * built-in default and excluded namespaces).
 */
public record Decision(Finding finding, Action action, String reason, String team, Optional<ObjectRef> exceptedBy,
                       Optional<String> policy) {
}
