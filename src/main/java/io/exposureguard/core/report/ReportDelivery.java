package io.exposureguard.core.report;

import io.exposureguard.core.policy.StatusCondition;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the last audit's reports went: the APIs written, and for each selected API that could not be written why
 * (its CRD is not installed, or the operator may not write it). The ExposurePolicy status and the log say it plainly.
 */
public record ReportDelivery(List<ReportApi> written, Map<ReportApi, String> unavailable) {

    public ReportDelivery {
        written = List.copyOf(written);
        unavailable = Map.copyOf(unavailable);
    }

    public static final String CONDITION = "Reported";

    /** Before the first write: nothing is known yet. */
    public static final ReportDelivery NOT_YET = new ReportDelivery(List.of(), Map.of());

    public boolean known() {
        return !written.isEmpty() || !unavailable.isEmpty();
    }

    public boolean complete() {
        return known() && unavailable.isEmpty();
    }

    /** The {@code Reported} condition every ExposurePolicy's status carries. */
    public StatusCondition condition() {
        if (!known()) {
            return new StatusCondition(CONDITION, "Unknown", "NotYetWritten", describe());
        }
        return new StatusCondition(CONDITION, complete() ? "True" : "False",
                complete() ? "Written" : written.isEmpty() ? "NoReportApi" : "PartlyWritten", describe());
    }

    /** One sentence for a condition message or a log line. */
    public String describe() {
        if (!known()) {
            return "No audit has written reports yet";
        }
        String done = written.isEmpty() ? "" : "Findings are written as " + written.stream()
                .map(a -> a.apiVersion() + " " + a.kind()).collect(Collectors.joining(" and "));
        if (unavailable.isEmpty()) {
            return done;
        }
        String why = unavailable.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().apiVersion() + ": " + e.getValue()).collect(Collectors.joining("; "));
        return (done.isEmpty() ? "No reports are written" : done + "; not all are") + ": " + why
                + ". Events and metrics still carry every finding";
    }
}
