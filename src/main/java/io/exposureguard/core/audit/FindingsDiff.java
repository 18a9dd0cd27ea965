package io.exposureguard.core.audit;

import io.exposureguard.core.policy.Decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two evaluations: decisions raised (new, or now reported at another severity or
 * action), cleared (gone or turned off) and unchanged. Keys are rule, object and datastore, so a resync
 * that finds the same exposure again raises nothing: no event storm.
 */
public record FindingsDiff(List<Decision> raised, List<Decision> cleared, List<Decision> current) {

    public static String key(Decision d) {
        return d.finding().rule().id() + "|" + d.finding().resource() + "|" + d.finding().datastore();
    }

    /** Both maps from {@link #index}; only reported (not off) decisions count. */
    public static FindingsDiff between(Map<String, Decision> previous, Map<String, Decision> next) {
        List<Decision> raised = new ArrayList<>();
        List<Decision> cleared = new ArrayList<>();
        next.forEach((k, d) -> {
            Decision before = previous.get(k);
            if (before == null || before.finding().severity() != d.finding().severity() || before.action() != d.action()) {
                raised.add(d);
            }
        });
        previous.forEach((k, d) -> {
            if (!next.containsKey(k)) {
                cleared.add(d);
            }
        });
        return new FindingsDiff(raised, cleared, new ArrayList<>(next.values()));
    }

    public static Map<String, Decision> index(List<Decision> decisions) {
        Map<String, Decision> out = new LinkedHashMap<>();
        for (Decision d : decisions) {
            if (d.action() != io.exposureguard.core.api.v1.Action.OFF) {
                out.put(key(d), d);
            }
        }
        return out;
    }

    public boolean changed() {
        return !raised.isEmpty() || !cleared.isEmpty();
    }
}
