package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** An approved, time-limited exemption: which rules, which objects, why, until when, approved by whom. */
public class ExposureExceptionSpec {

    @JsonPropertyDescription("Rule ids this exception covers, e.g. [EG-EXP-004].")
    @Required
    @Size(min = 1)
    @ValidationRule(value = "self.all(r, r.matches('^EG-[A-Z]{3}-[0-9]{3}$'))",
            message = "every rule id looks like EG-EXP-004 (EG-, three capitals, -, three digits)")
    private List<String> rules = new ArrayList<>();

    @JsonPropertyDescription("Objects this exception covers.")
    @Required
    @Size(min = 1)
    private List<ResourceMatch> resources = new ArrayList<>();

    @JsonPropertyDescription("Why the exposure is acceptable; shown wherever the exception is applied.")
    @Required
    @Size(min = 1)
    private String reason;

    @JsonPropertyDescription("RFC 3339 time after which the exception no longer applies anywhere (admission, audit, scan).")
    @Required
    @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")
    private String expiresAt;

    @JsonPropertyDescription("Who approved the exception.")
    @Required
    @Size(min = 1)
    private String approvedBy;

    @JsonPropertyDescription("Change or ticket reference for the approval.")
    private String ticket;

    public List<String> getRules() {
        return rules;
    }

    public void setRules(List<String> rules) {
        this.rules = rules;
    }

    public List<ResourceMatch> getResources() {
        return resources;
    }

    public void setResources(List<ResourceMatch> resources) {
        this.resources = resources;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public void setApprovedBy(String approvedBy) {
        this.approvedBy = approvedBy;
    }

    public String getTicket() {
        return ticket;
    }

    public void setTicket(String ticket) {
        this.ticket = ticket;
    }
}
