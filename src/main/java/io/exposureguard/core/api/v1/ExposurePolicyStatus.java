package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes-style conditions (Ready, Degraded), the generation they describe, and findings by severity. */
public class ExposurePolicyStatus {

    @JsonPropertyDescription("Ready: the policy is valid and applied. Degraded: part of the spec is invalid (see message).")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Current findings this policy governs, by severity.")
    private Map<String, Integer> findings = new LinkedHashMap<>();

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Map<String, Integer> getFindings() {
        return findings;
    }

    public void setFindings(Map<String, Integer> findings) {
        this.findings = findings;
    }
}
