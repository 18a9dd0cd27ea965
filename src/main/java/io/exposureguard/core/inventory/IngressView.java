package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Map;

/** An Ingress: its annotations (auth and allowlists live there) and every backend it routes to. */
public record IngressView(String namespace, String name, Map<String, String> annotations, List<Backend> backends) {

    public IngressView {
        annotations = Map.copyOf(annotations);
        backends = List.copyOf(backends);
    }

    public ObjectRef ref() {
        return ObjectRef.of("Ingress", namespace, name);
    }

    /** One route: host and path ("*" and "(default backend)" when absent) to a Service port by number or name. */
    public record Backend(String host, String path, String serviceName, Integer portNumber, String portName) {
        public String display() {
            return (host == null ? "*" : host) + (path == null ? "" : path);
        }
    }
}
