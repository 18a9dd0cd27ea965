package io.exposureguard.core.model;

import java.util.Locale;

/** How bad a finding is. Declared from least to most severe, so ordinal order is severity order. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Lower-case name as users write it (`--fail-on high`) and see it in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity min(Severity a, Severity b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Parses a user-supplied severity name; the error names the accepted values. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected critical, high, medium or low)");
    }
}
