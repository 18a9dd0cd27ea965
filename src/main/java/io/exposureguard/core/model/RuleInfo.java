package io.exposureguard.core.model;

/**
 * What users see about a rule in denials, events, reports and docs. {@code severity} is the highest
 * severity the rule reports; a finding may be lower when its path is restricted (the finding says why).
 */
public record RuleInfo(String id, String title, Severity severity, String rationale, String remediation) {
}
