package io.exposureguard.core.api.v1;

import io.fabric8.generator.annotation.ValidationRule;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** A datastore the built-in catalog does not know, and how to tell whether it asks for credentials. */
public class DatastoreDefinition {

    @JsonPropertyDescription("Name shown in findings, e.g. AcmeKV.")
    @Required
    @Size(min = 1)
    private String name;

    @JsonPropertyDescription("Image patterns ('*' matches anything), matched against the image reference, its repository"
            + " and its last path segment, e.g. registry.acme.io/kv/* or acme-kv.")
    @Required
    @Size(min = 1)
    private List<String> imagePatterns = new ArrayList<>();

    @JsonPropertyDescription("Ports it listens on when a container declares none.")
    @ValidationRule(value = "self.all(p, p >= 1 && p <= 65535)", message = "every port is between 1 and 65535")
    private List<Integer> ports = new ArrayList<>();

    @JsonPropertyDescription("Env settings that mean authentication is off: NAME=value, or NAME for any value.")
    private List<String> authOffEnv = new ArrayList<>();

    @JsonPropertyDescription("Env names whose presence means authentication is on (e.g. a password variable).")
    private List<String> authOnEnv = new ArrayList<>();

    @JsonPropertyDescription("Command-line args that mean authentication is off.")
    private List<String> authOffArgs = new ArrayList<>();

    @JsonPropertyDescription("Command-line args that mean authentication is on.")
    private List<String> authOnArgs = new ArrayList<>();

    @JsonPropertyDescription("Verdict when none of the signals is present: off, on or unknown.")
    @Pattern("^(off|on|unknown)$")
    @Default("unknown")
    private String defaultAuth = "unknown";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getImagePatterns() {
        return imagePatterns;
    }

    public void setImagePatterns(List<String> imagePatterns) {
        this.imagePatterns = imagePatterns;
    }

    public List<Integer> getPorts() {
        return ports;
    }

    public void setPorts(List<Integer> ports) {
        this.ports = ports;
    }

    public List<String> getAuthOffEnv() {
        return authOffEnv;
    }

    public void setAuthOffEnv(List<String> authOffEnv) {
        this.authOffEnv = authOffEnv;
    }

    public List<String> getAuthOnEnv() {
        return authOnEnv;
    }

    public void setAuthOnEnv(List<String> authOnEnv) {
        this.authOnEnv = authOnEnv;
    }

    public List<String> getAuthOffArgs() {
        return authOffArgs;
    }

    public void setAuthOffArgs(List<String> authOffArgs) {
        this.authOffArgs = authOffArgs;
    }

    public List<String> getAuthOnArgs() {
        return authOnArgs;
    }

    public void setAuthOnArgs(List<String> authOnArgs) {
        this.authOnArgs = authOnArgs;
    }

    public String getDefaultAuth() {
        return defaultAuth;
    }

    public void setDefaultAuth(String defaultAuth) {
        this.defaultAuth = defaultAuth;
    }
}
