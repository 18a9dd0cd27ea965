package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.ArrayList;
import java.util.List;

/** What an ExposurePolicy decides: actions, which namespaces it governs, and where exceptions may live. */
public class ExposurePolicySpec {

    @JsonPropertyDescription("Action per severity. Defaults: critical deny, high/medium/low alert.")
    private SeverityActions actions = new SeverityActions();

    @JsonPropertyDescription("Per-rule actions; they override the severity action for that rule.")
    private List<RuleAction> rules = new ArrayList<>();

    @JsonPropertyDescription("Namespaces this policy governs, by label. Empty or absent: every namespace.")
    private LabelSelector namespaceSelector;

    @JsonPropertyDescription("Namespaces never evaluated. The operator's own namespace is always excluded as well.")
    @Default("[\"kube-system\"]")
    private List<String> excludedNamespaces = new ArrayList<>(List.of("kube-system"));

    @JsonPropertyDescription("Source CIDRs that count as internal networks (for example the corporate VPN).")
    private List<String> allowedSourceCidrs = new ArrayList<>();

    @JsonPropertyDescription("The cloud whose load balancers serve the cluster: auto, aws, gcp, azure or oci. Only that"
            + " cloud's internal load-balancer annotations (with a value that means internal) lower a finding; with auto,"
            + " the default, internal annotations are reported but lower nothing, since anyone who can create a Service"
            + " can write any cloud's annotation.")
    @Pattern("^(auto|aws|gcp|azure|oci)$")
    @Default("auto")
    private String provider = "auto";

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    @JsonPropertyDescription("Datastores the built-in catalog does not know, with their authentication signals.")
    private List<DatastoreDefinition> datastores = new ArrayList<>();

    @JsonPropertyDescription("Namespace label naming the team that owns a namespace; alerts are routed by it.")
    @Default("team")
    private String teamLabel = "team";

    @JsonPropertyDescription("Namespaces whose ExposureExceptions count for the namespaces this policy governs (and only"
            + " for those). Empty: only the operator's own namespace. Keep write access to them for platform admins, so"
            + " teams cannot exempt themselves.")
    private List<String> exceptionNamespaces = new ArrayList<>();

    @JsonPropertyDescription("Confirm exposures by asking the datastore without credentials (off by default).")
    private ProbeSpec probe = new ProbeSpec();

    public ProbeSpec getProbe() {
        return probe;
    }

    public void setProbe(ProbeSpec probe) {
        this.probe = probe;
    }

    @JsonPropertyDescription("How fix-mode findings are closed in the cluster: which patch, or quarantine.")
    private RemediationSpec remediation = new RemediationSpec();

    public RemediationSpec getRemediation() {
        return remediation;
    }

    public void setRemediation(RemediationSpec remediation) {
        this.remediation = remediation;
    }

    public SeverityActions getActions() {
        return actions;
    }

    public void setActions(SeverityActions actions) {
        this.actions = actions;
    }

    public List<RuleAction> getRules() {
        return rules;
    }

    public void setRules(List<RuleAction> rules) {
        this.rules = rules;
    }

    public LabelSelector getNamespaceSelector() {
        return namespaceSelector;
    }

    public void setNamespaceSelector(LabelSelector namespaceSelector) {
        this.namespaceSelector = namespaceSelector;
    }

    public List<String> getExcludedNamespaces() {
        return excludedNamespaces;
    }

    public void setExcludedNamespaces(List<String> excludedNamespaces) {
        this.excludedNamespaces = excludedNamespaces;
    }

    public List<String> getAllowedSourceCidrs() {
        return allowedSourceCidrs;
    }

    public void setAllowedSourceCidrs(List<String> allowedSourceCidrs) {
        this.allowedSourceCidrs = allowedSourceCidrs;
    }

    public List<DatastoreDefinition> getDatastores() {
        return datastores;
    }

    public void setDatastores(List<DatastoreDefinition> datastores) {
        this.datastores = datastores;
    }

    public String getTeamLabel() {
        return teamLabel;
    }

    public void setTeamLabel(String teamLabel) {
        this.teamLabel = teamLabel;
    }

    public List<String> getExceptionNamespaces() {
        return exceptionNamespaces;
    }

    public void setExceptionNamespaces(List<String> exceptionNamespaces) {
        this.exceptionNamespaces = exceptionNamespaces;
    }
}
