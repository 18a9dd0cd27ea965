package io.exposureguard.core.exposure;

/**
 * How traffic from outside enters the cluster. {@code direct} entries publish the datastore's own protocol
 * port (L4); an Ingress publishes HTTP through a proxy that can add authentication.
 */
public enum EntryType {
    LOAD_BALANCER("LoadBalancer", "a LoadBalancer Service", true),
    NODE_PORT("NodePort", "a NodePort Service", true),
    EXTERNAL_IP("externalIPs", "a Service's externalIPs", true),
    HOST_PORT("hostPort", "a hostPort on the node's address", true),
    HOST_NETWORK("hostNetwork", "the node's network (hostNetwork)", true),
    INGRESS("Ingress", "an Ingress", false),
    GATEWAY_HTTP("Gateway", "a Gateway API HTTP or gRPC route", false),
    GATEWAY_L4("Gateway", "a Gateway API TCP, TLS or UDP route", true),
    ISTIO_HTTP("Istio", "an Istio VirtualService HTTP route", false),
    ISTIO_L4("Istio", "an Istio VirtualService TCP or TLS route", true),
    TRAEFIK_HTTP("Traefik", "a Traefik IngressRoute", false),
    TRAEFIK_L4("Traefik", "a Traefik IngressRouteTCP", true),
    CONTOUR_HTTP("Contour", "a Contour HTTPProxy route", false),
    CONTOUR_L4("Contour", "a Contour HTTPProxy tcpproxy", true),
    OPENSHIFT_HTTP("Route", "an OpenShift Route", false),
    OPENSHIFT_L4("Route", "an OpenShift passthrough Route", true),
    INGRESS_NGINX_L4("ingress-nginx", "the ingress-nginx controller's TCP/UDP services", true);

    private final String label;
    private final String phrase;
    private final boolean direct;

    EntryType(String label, String phrase, boolean direct) {
        this.label = label;
        this.phrase = phrase;
        this.direct = direct;
    }

    /** How the entry reads in a sentence: "through a LoadBalancer Service". */
    public String phrase() {
        return phrase;
    }

    public String label() {
        return label;
    }

    public boolean direct() {
        return direct;
    }
}
