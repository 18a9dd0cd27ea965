package io.exposureguard.model.policy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

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

    @JsonPropertyDescription("Also probe the Service's external addresses (load-balancer ingress, externalIPs), as an"
            + " outsider would; by default only the in-cluster address is probed.")
    private boolean external;

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
}
