package io.exposureguard.core.admission;

import java.util.List;

/** What the webhook answers: allowed or not, the denial message, and warnings kubectl prints. */
public record AdmissionVerdict(boolean allowed, String message, List<String> warnings) {

    public AdmissionVerdict {
        warnings = List.copyOf(warnings);
    }

    public static AdmissionVerdict allow(String why) {
        return new AdmissionVerdict(true, why, List.of());
    }
}
