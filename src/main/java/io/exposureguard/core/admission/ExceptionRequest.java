package io.exposureguard.core.admission;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How to get past a denial on purpose: in which namespace an ExposureException counts for the denied findings (the
 * governing policies' exceptionNamespaces), and a minimal one to start from, covering exactly the denied rules and
 * objects. Its placeholders say what a platform admin must fill in; its expiresAt is a suggestion
 * ({@link #SUGGESTED_LIFETIME} from {@code now}, at midnight UTC), because an exception without an end is what the
 * schema refuses. An object of another namespace is never named. Pure.
 */
public final class ExceptionRequest {

    /** How long the suggested exception lasts. */
    public static final Duration SUGGESTED_LIFETIME = Duration.ofDays(30);

    static final String HIDDEN = "{namespace: \"<ask a platform admin: the exposed object is in another namespace>\"}";

    private ExceptionRequest() {
    }

    /** The paragraph a denial ends with, for whoever sent an object in {@code namespace}. */
    public static String text(List<Decision> denied, String namespace, Instant now) {
        Set<String> homes = new LinkedHashSet<>();
        denied.forEach(d -> homes.addAll(d.exceptionNamespaces()));
        String where = homes.isEmpty() ? "in the exception namespace of the governing ExposurePolicy"
                : homes.size() == 1 ? "in namespace " + homes.iterator().next()
                : "in one of the namespaces " + String.join(", ", homes);
        return "If this exposure is intended, ask a platform admin for an ExposureException " + where
                + " (one in any other namespace does not count), for example:\n"
                + yaml(denied, namespace, homes.isEmpty() ? "<exception namespace>" : homes.iterator().next(), now);
    }

    static String yaml(List<Decision> denied, String namespace, String home, Instant now) {
        Set<String> rules = new LinkedHashSet<>();
        Set<String> resources = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (Decision d : denied) {
            rules.add(d.finding().rule().id());
            ObjectRef covered = covered(d.finding(), namespace);
            if (covered == null) {
                resources.add(HIDDEN);
            } else {
                resources.add("{namespace: " + covered.namespace() + ", kind: " + covered.kind() + ", name: " + covered.name() + "}");
                names.add(covered.name());
            }
        }
        String name = name((names.isEmpty() ? "exposure" : names.get(0)) + "-" + rules.iterator().next());
        StringBuilder out = new StringBuilder()
                .append("apiVersion: ").append(HasMetadata.getApiVersion(ExposureException.class)).append('\n')
                .append("kind: ExposureException\n")
                .append("metadata:\n")
                .append("  name: ").append(name).append('\n')
                .append("  namespace: ").append(home).append('\n')
                .append("spec:\n")
                .append("  rules: [").append(String.join(", ", rules)).append("]\n")
                .append("  resources:\n");
        resources.forEach(r -> out.append("  - ").append(r).append('\n'));
        return out.append("  reason: \"<why this exposure is acceptable, and what protects the data instead>\"\n")
                .append("  expiresAt: \"").append(now.plus(SUGGESTED_LIFETIME).truncatedTo(ChronoUnit.DAYS)).append("\"\n")
                .append("  approvedBy: \"<who approved it>\"\n")
                .append("  ticket: \"<change or ticket reference>\"")
                .toString();
    }

    /**
     * The object an exception matches for this finding (its resource, else its datastore) that the sender may see. A
     * cluster-scoped resource (an exception names a namespace) falls back to the datastore.
     */
    private static ObjectRef covered(Finding f, String namespace) {
        for (ObjectRef ref : List.of(f.resource(), f.datastore())) {
            if (ref.namespace() != null && (namespace == null || ref.namespace().equals(namespace))) {
                return ref;
            }
        }
        return null;
    }

    /** A valid object name: lower case, letters, digits and '-', at most 63 characters, no '-' at either end. */
    private static String name(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        name = (name.length() > 63 ? name.substring(0, 63) : name).replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "exposure-exception" : name;
    }
}
