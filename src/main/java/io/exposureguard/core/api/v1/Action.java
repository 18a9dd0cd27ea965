package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What happens to a finding. Declared from weakest to strictest, so ordinal order is strictness. */
public enum Action {
    /** Not reported. */
    OFF,
    /** Reported (events, reports, metrics, admission warnings). */
    ALERT,
    /** Reported and closed automatically (mutating webhook or remediation). */
    FIX,
    /** Reported and refused at admission. */
    DENY;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action parse(String text) {
        for (Action a : values()) {
            if (a.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "' (expected deny, fix, alert or off)");
    }

    public static Action strictest(Action a, Action b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
