package io.exposureguard.core.rules;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.exposure.ExposurePath;
import io.exposureguard.core.exposure.Reach;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** Builds findings from exposure paths, so every path rule words its findings the same way. */
final class PathFindings {

    private PathFindings() {
    }

    static Finding of(RuleInfo rule, Severity severity, ExposurePath path, String problem, String remediation) {
        return of(rule, severity, path, problem, remediation, List.of());
    }

    /** With the NetworkPolicies that limit the datastore port (named as a fact: their effect on outside traffic varies). */
    static Finding of(RuleInfo rule, Severity severity, ExposurePath path, String problem, String remediation,
                      List<String> limitingNetworkPolicies) {
        List<String> facts = new ArrayList<>(path.facts());
        limitingNetworkPolicies.forEach(np -> facts.add("NetworkPolicy " + np + " limits ingress to these pods; whether it"
                + " stops traffic from outside depends on the CNI and externalTrafficPolicy, so the finding stands"));
        facts.addAll(path.datastore().auth().facts());
        facts.add("recognised by " + path.datastore().origin());
        path.unconfirmed().forEach(missing -> facts.add("not confirmed: " + missing));
        Datastore d = path.datastore();
        String message = d.describe() + " " + problem + " and " + (path.confirmed() ? "is" : "may be") + " reachable from "
                + reachText(path.reach()) + " through " + FindingText.hop(path.hops().get(1));
        return new Finding(rule, severity, path.blame(), d.ref(), message, path.hops(), facts, remediation, path.through());
    }

    /** "Turn authentication on: ...; or close the path: ..." */
    static String authOrClose(ExposurePath path) {
        String auth = path.datastore().auth().fix();
        return auth.isEmpty() ? capitalise(path.entryFix()) : "Turn authentication on: " + auth + ". Or close the path: " + path.entryFix() + ".";
    }

    static String reachText(Reach reach) {
        return switch (reach) {
            case PUBLIC -> "the internet";
            case RESTRICTED -> "networks outside the cluster";
            case CLUSTER -> "inside the cluster";
        };
    }

    static Severity byReach(ExposurePath path, Severity publicSeverity, Severity restrictedSeverity) {
        return path.reach() == Reach.PUBLIC ? publicSeverity : restrictedSeverity;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
