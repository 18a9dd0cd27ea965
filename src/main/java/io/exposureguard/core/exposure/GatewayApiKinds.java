package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.WatchedKind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Gateway API kinds (gateway.networking.k8s.io, and the experimental gateway.networking.x-k8s.io), in the versions
 * read, the first one watched; and which listener protocols each route kind attaches to.
 */
final class GatewayApiKinds {

    static final String GROUP = "gateway.networking.k8s.io";
    static final String EXPERIMENTAL = "gateway.networking.x-k8s.io";

    static final List<WatchedKind> GATEWAY = List.of(
            new WatchedKind(GROUP, List.of("v1", "v1beta1", "v1alpha2"), "Gateway", "gateways"));

    static final List<WatchedKind> LISTENER_SET = List.of(
            new WatchedKind(GROUP, List.of("v1"), "ListenerSet", "listenersets"),
            new WatchedKind(EXPERIMENTAL, List.of("v1alpha1"), "XListenerSet", "xlistenersets"));

    static final List<WatchedKind> ROUTES = List.of(
            new WatchedKind(GROUP, List.of("v1", "v1beta1"), "HTTPRoute", "httproutes"),
            new WatchedKind(GROUP, List.of("v1", "v1alpha2"), "GRPCRoute", "grpcroutes"),
            new WatchedKind(GROUP, List.of("v1alpha2", "v1alpha3", "v1"), "TLSRoute", "tlsroutes"),
            new WatchedKind(GROUP, List.of("v1alpha2", "v1"), "TCPRoute", "tcproutes"),
            new WatchedKind(GROUP, List.of("v1alpha2", "v1"), "UDPRoute", "udproutes"));

    static final List<WatchedKind> REFERENCE_GRANT = List.of(
            new WatchedKind(GROUP, List.of("v1beta1", "v1alpha2", "v1"), "ReferenceGrant", "referencegrants"));

    /** Envoy Gateway's policy that adds authentication (basicAuth, jwt, oidc, extAuth) and client IP rules. */
    static final List<WatchedKind> ENVOY_SECURITY_POLICY = List.of(
            new WatchedKind("gateway.envoyproxy.io", List.of("v1alpha1"), "SecurityPolicy", "securitypolicies"));

    /** The route kinds a listener of each protocol accepts when its allowedRoutes names no kinds. */
    private static final Map<String, Set<String>> ROUTES_BY_PROTOCOL = Map.of(
            "HTTP", Set.of("HTTPRoute", "GRPCRoute"),
            "HTTPS", Set.of("HTTPRoute", "GRPCRoute"),
            "TLS", Set.of("TLSRoute", "TCPRoute"),
            "TCP", Set.of("TCPRoute"),
            "UDP", Set.of("UDPRoute"));

    private GatewayApiKinds() {
    }

    /** Whether a route kind works on a listener of this protocol (HTTPS terminates TLS for HTTP routes, ...). */
    static boolean attaches(String routeKind, String protocol) {
        return ROUTES_BY_PROTOCOL.getOrDefault(protocol == null ? "" : protocol.toUpperCase(java.util.Locale.ROOT), Set.of())
                .contains(routeKind);
    }

    /** Routes that carry a datastore's own protocol (L4), not HTTP requests a proxy could authenticate. */
    static boolean layer4(String routeKind) {
        return Set.of("TLSRoute", "TCPRoute", "UDPRoute").contains(routeKind);
    }
}
