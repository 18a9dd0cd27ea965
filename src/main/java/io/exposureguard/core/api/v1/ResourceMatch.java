package io.exposureguard.core.api.v1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Which objects an exception covers: a namespace, and optionally a kind and a name within it. */
public class ResourceMatch {

    @JsonPropertyDescription("Namespace of the covered objects.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String namespace;

    @JsonPropertyDescription("Kind of the covered object (Service, Ingress, Elasticsearch, ...). Absent: every kind.")
    @Pattern("^[A-Z][A-Za-z0-9]*$")
    private String kind;

    @JsonPropertyDescription("Name of the covered object. Absent: every object of the kind in the namespace.")
    private String name;

    @JsonPropertyDescription("Labels the covered objects carry (matchLabels / matchExpressions), combined with kind and name.")
    private LabelSelector selector;

    public ResourceMatch() {
    }

    public ResourceMatch(String namespace, String kind, String name) {
        this.namespace = namespace;
        this.kind = kind;
        this.name = name;
    }

    public LabelSelector getSelector() {
        return selector;
    }

    public void setSelector(LabelSelector selector) {
        this.selector = selector;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
