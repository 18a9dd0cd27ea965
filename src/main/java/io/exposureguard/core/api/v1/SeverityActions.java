package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.exposureguard.core.model.Severity;
import io.fabric8.generator.annotation.Default;

/** The action per severity. Secure default: critical findings are denied, the rest alert. */
public class SeverityActions {

    @JsonPropertyDescription("Action for critical findings: deny, fix, alert or off.")
    @Default("deny")
    private Action critical = Action.DENY;

    @JsonPropertyDescription("Action for high findings: deny, fix, alert or off.")
    @Default("alert")
    private Action high = Action.ALERT;

    @JsonPropertyDescription("Action for medium findings: deny, fix, alert or off.")
    @Default("alert")
    private Action medium = Action.ALERT;

    @JsonPropertyDescription("Action for low findings: deny, fix, alert or off.")
    @Default("alert")
    private Action low = Action.ALERT;

    public Action forSeverity(Severity severity) {
        Action a = switch (severity) {
            case CRITICAL -> critical;
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
        };
        return a != null ? a : severity == Severity.CRITICAL ? Action.DENY : Action.ALERT;
    }

    public Action getCritical() {
        return critical;
    }

    public void setCritical(Action critical) {
        this.critical = critical;
    }

    public Action getHigh() {
        return high;
    }

    public void setHigh(Action high) {
        this.high = high;
    }

    public Action getMedium() {
        return medium;
    }

    public void setMedium(Action medium) {
        this.medium = medium;
    }

    public Action getLow() {
        return low;
    }

    public void setLow(Action low) {
        this.low = low;
    }
}
