package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Map;

/**
 * An Ingress: its annotations (auth and allowlists live there) and every backend it routes to. {@code apiVersion} is
 * what it was written as ({@code networking.k8s.io/v1}, or an old version read as v1).
 */
public record IngressView(String namespace, String name, Map<String, String> annotations, List<Backend> backends, String apiVersion) {

    public IngressView {
        annotations = Map.copyOf(annotations);
        backends = List.copyOf(backends);
    }

    /** A {@code networking.k8s.io/v1} Ingress. */
    public IngressView(String namespace, String name, Map<String, String> annotations, List<Backend> backends) {
        this(namespace, name, annotations, backends, null);
    }

    public ObjectRef ref() {
        return ObjectRef.of(apiVersion, "Ingress", namespace, name);
    }

    /** One route: host and path ("*" and "(default backend)" when absent) to a Service port by number or name. */
    public record Backend(String host, String path, String serviceName, Integer portNumber, String portName) {
        public String display() {
            return (host == null ? "*" : host) + (path == null ? "" : path);
        }
    }
}
