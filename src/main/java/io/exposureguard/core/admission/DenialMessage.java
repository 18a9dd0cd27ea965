package io.exposureguard.core.admission;

import io.exposureguard.core.model.Documentation;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.policy.Decision;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of a refusal, for whoever sent an object in one namespace: each denied finding with its rule, path, fix
 * and a link to the rule's documentation, then how to get an exception if the exposure is intended
 * ({@link ExceptionRequest}). Objects of other namespaces are not named. Pure.
 */
public final class DenialMessage {

    private DenialMessage() {
    }

    /** "{@code lead}: [EG-EXP-001 critical] ... (rule docs: ...) | [...]", then the exception paragraph. */
    public static String of(String lead, List<Decision> denied, String namespace, Instant now) {
        return lead + ": " + denied.stream().map(d -> detail(d.finding(), namespace)).collect(Collectors.joining(" | "))
                + "\n" + ExceptionRequest.text(denied, namespace, now);
    }

    /**
     * Rule, message, path, fix and documentation of a finding, as told to whoever sent the object in
     * {@code namespace}: objects of other namespaces on the finding (a path that crosses namespaces: a shared Gateway,
     * a Traefik middleware elsewhere) read "an object in another namespace".
     */
    public static String detail(Finding f, String namespace) {
        return "[" + f.rule().id() + " " + f.severity().label() + "] " + FindingText.explained(f, namespace)
                + " (rule docs: " + Documentation.rule(f.rule().id()) + ")";
    }
}
