package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.ArrayList;
import java.util.List;

/** Whether the operator confirms exposures by asking the datastore without credentials (docs/probe.md). */
public class ProbeSpec {

    public static final String OFF = "Off";
    public static final String EXPOSED = "Exposed";
    public static final String ALL = "All";

    @JsonPropertyDescription("Off (default): never probe. Exposed: probe datastores with a finding. All: probe every"
            + " datastore endpoint in the namespaces this policy governs. One harmless unauthenticated request per protocol.")
    @Pattern("^(Off|Exposed|All)$")
    @Default("Off")
    private String mode = OFF;

    @JsonPropertyDescription("Also probe the Service's external addresses (load-balancer ingress IPs, externalIPs), as an"
            + " outsider would; by default only the in-cluster address is probed. Each external address must lie inside"
            + " allowedTargetCidrs, or it is refused.")
    private boolean external;

    @JsonPropertyDescription("Addresses (CIDRs) the probe may send to besides a Service's cluster IP, which Kubernetes"
            + " assigns from the Service range. Empty (default): cluster IPs only, so externalIPs, which a Service's author"
            + " writes freely, and load-balancer addresses are refused. Loopback, link-local (cloud metadata), the"
            + " unspecified address and the Kubernetes API server's addresses are refused whatever this says.")
    private List<String> allowedTargetCidrs = new ArrayList<>();

    @JsonPropertyDescription("Let an answer that asks for credentials lower findings that rest on configuration alone"
            + " (EG-EXP-001, -003, -005) to low. Off (default): the answer is added to the finding as a fact and the"
            + " severity stays, since any endpoint can answer the probe's requests with 401 and serve data to others.")
    private boolean trustCredentialAnswers;

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isExternal() {
        return external;
    }

    public void setExternal(boolean external) {
        this.external = external;
    }

    public List<String> getAllowedTargetCidrs() {
        return allowedTargetCidrs;
    }

    public void setAllowedTargetCidrs(List<String> allowedTargetCidrs) {
        this.allowedTargetCidrs = allowedTargetCidrs;
    }

    public boolean isTrustCredentialAnswers() {
        return trustCredentialAnswers;
    }

    public void setTrustCredentialAnswers(boolean trustCredentialAnswers) {
        this.trustCredentialAnswers = trustCredentialAnswers;
    }
}
