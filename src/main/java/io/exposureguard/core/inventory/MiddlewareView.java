package io.exposureguard.core.inventory;

import java.util.Map;

/** A Traefik {@code Middleware} (traefik.io or traefik.containo.us): its spec as a generic tree. */
public record MiddlewareView(String namespace, String name, Map<String, Object> spec) {
}
