package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.WatchedKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders what the chart and the shipped webhook configurations say about the custom-resource kinds, from the
 * registry: the chart's {@code templates/_kinds.tpl} (named templates the RBAC and webhook templates include) and the
 * rule lines of {@code deploy/webhook/webhook-configurations.yaml}. {@code make kinds} writes them; a test fails when
 * a committed copy is stale. Kinds that differ only by group (OpenSearchCluster under two groups) share a rule.
 */
public final class KindsChart {

    public static final String BEGIN = "# kinds: begin (generated from the kind registry by `make kinds`; do not edit)";
    public static final String END = "# kinds: end";
    private static final String RULE_SUFFIX = "operations: [CREATE, UPDATE], scope: Namespaced}";

    private final List<DatastoreResourceKind> datastores;
    private final List<WatchedKind> entrySide;

    public KindsChart(List<DatastoreResourceKind> datastores, List<WatchedKind> entrySide) {
        this.datastores = List.copyOf(datastores);
        this.entrySide = List.copyOf(entrySide);
    }

    public static KindsChart standard() {
        return new KindsChart(ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);
    }

    /** The chart's templates/_kinds.tpl. */
    public String helperTemplate() {
        StringBuilder t = new StringBuilder();
        t.append("{{- /*\nGenerated from the kind registry (io.exposureguard.core.kinds.ResourceKinds) by `make kinds`;")
                .append(" do not edit by hand.\nA test (KindsChartTest) fails when this file is stale.\n*/}}\n");
        define(t, "exposure-guard.kinds.watchRules",
                "ClusterRole rules: list and watch every custom-resource kind the engine reads",
                rbacRules(watched(), "[list, watch]"));
        define(t, "exposure-guard.kinds.crdNames", "The CRDs whose presence the operator checks (get, by name)",
                String.join("\n", watched().stream().map(k -> "- " + k.crdName()).toList()));
        define(t, "exposure-guard.kinds.patchRules",
                "ClusterRole rules for remediation: patch the kinds whose own settings are fixed",
                rbacRules(fixable(), "[patch]"));
        define(t, "exposure-guard.kinds.validatingRules", "Validating webhook rules: every kind the engine reads",
                webhookRules(watched()));
        define(t, "exposure-guard.kinds.mutatingRules", "Mutating webhook rules: the kinds whose own settings are fixed",
                webhookRules(fixable()));
        return t.toString();
    }

    /** The validating webhook's rule lines for the kinds (as in the shipped webhook configurations). */
    public String validatingRules() {
        return webhookRules(watched());
    }

    /** The mutating webhook's rule lines for the kinds. */
    public String mutatingRules() {
        return webhookRules(fixable());
    }

    /**
     * The text with its generated regions (between {@link #BEGIN} and {@link #END} lines, in order) replaced by
     * {@code regions}, each indented like its BEGIN line.
     *
     * @throws IllegalArgumentException when the text has not exactly that many regions
     */
    public static String replaceRegions(String text, List<String> regions) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int region = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line).append(i < lines.length - 1 ? "\n" : "");
            if (line.trim().equals(BEGIN)) {
                if (region >= regions.size()) {
                    throw new IllegalArgumentException("more generated regions than expected (" + regions.size() + ")");
                }
                String indent = line.substring(0, line.indexOf('#'));
                for (String r : regions.get(region++).split("\n")) {
                    out.append(indent).append(r).append("\n");
                }
                while (i + 1 < lines.length && !lines[i + 1].trim().equals(END)) {
                    i++;
                }
                if (i + 1 >= lines.length) {
                    throw new IllegalArgumentException("a generated region has no end line (" + END + ")");
                }
            }
        }
        if (region != regions.size()) {
            throw new IllegalArgumentException("expected " + regions.size() + " generated regions, found " + region);
        }
        return out.toString();
    }

    private List<WatchedKind> watched() {
        List<WatchedKind> all = new ArrayList<>();
        datastores.forEach(k -> all.addAll(k.watched()));
        all.addAll(entrySide);
        return all;
    }

    private List<WatchedKind> fixable() {
        return datastores.stream().filter(DatastoreResourceKind::fixesOwnSettings).flatMap(k -> k.watched().stream()).toList();
    }

    /** Kinds of the same plural and versions in several groups, in registry order. */
    private static Map<List<Object>, List<String>> byGroups(List<WatchedKind> kinds) {
        Map<List<Object>, List<String>> out = new LinkedHashMap<>();
        for (WatchedKind k : kinds) {
            out.computeIfAbsent(List.of(k.plural(), k.versions()), x -> new ArrayList<>()).add(k.group());
        }
        return out;
    }

    private static String rbacRules(List<WatchedKind> kinds, String verbs) {
        List<String> rules = new ArrayList<>();
        byGroups(kinds).forEach((key, groups) -> rules.add("- apiGroups: [" + String.join(", ", groups) + "]\n"
                + "  resources: [" + key.get(0) + "]\n  verbs: " + verbs));
        return String.join("\n", rules);
    }

    private static String webhookRules(List<WatchedKind> kinds) {
        List<String> rules = new ArrayList<>();
        byGroups(kinds).forEach((key, groups) -> rules.add("- {apiGroups: [" + String.join(", ", groups) + "], apiVersions: ["
                + String.join(", ", ((List<?>) key.get(1)).stream().map(Objects::toString).toList()) + "], resources: ["
                + key.get(0) + "], " + RULE_SUFFIX));
        return String.join("\n", rules);
    }

    private static void define(StringBuilder t, String name, String what, String body) {
        t.append("\n{{- /* ").append(what).append(". */}}\n")
                .append("{{- define \"").append(name).append("\" -}}\n")
                .append(body).append("\n{{- end }}\n");
    }
}
