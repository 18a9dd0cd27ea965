package io.exposureguard.core.inventory;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kubernetes label selector semantics (matchLabels AND matchExpressions), and what makes one invalid. */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /** An absent or empty selector selects everything. Call {@link #problems} first: invalid selectors select nothing. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    /** What is wrong with a selector, each naming the field; empty when valid. */
    public static List<String> problems(LabelSelector selector, String field) {
        List<String> out = new ArrayList<>();
        if (selector == null || selector.getMatchExpressions() == null) {
            return out;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            String at = field + ".matchExpressions[" + i + "]";
            String op = r.getOperator() == null ? "" : r.getOperator();
            boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
            if (r.getKey() == null || r.getKey().isBlank()) {
                out.add(at + ".key is empty");
            }
            switch (op) {
                case "In", "NotIn" -> {
                    if (!hasValues) {
                        out.add(at + ": operator " + op + " needs values");
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (hasValues) {
                        out.add(at + ": operator " + op + " takes no values");
                    }
                }
                default -> out.add(at + ".operator '" + op + "' is not In, NotIn, Exists or DoesNotExist");
            }
        }
        return out;
    }
}
