package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An action for one rule, overriding the severity action. */
public class RuleAction {

    @JsonPropertyDescription("Rule id, e.g. EG-EXP-001 (see docs/rules.md).")
    @Required
    @Pattern("^EG-[A-Z]+-[0-9]{3}$")
    private String id;

    @JsonPropertyDescription("Action for this rule's findings: deny, fix, alert or off.")
    @Required
    private Action action;

    public RuleAction() {
    }

    public RuleAction(String id, Action action) {
        this.id = id;
        this.action = action;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Action getAction() {
        return action;
    }

    public void setAction(Action action) {
        this.action = action;
    }
}
