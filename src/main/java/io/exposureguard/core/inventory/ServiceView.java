package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Map;

/**
 * A Service as path analysis sees it. ECK and the OpenSearch operator generate Services from their custom
 * resources; for those, {@code owner} is the custom resource (the object to change: patching the generated
 * Service would be reverted). {@code settingsPath} is the block holding type, loadBalancerSourceRanges and
 * externalIPs, as remediation text names it: {@code spec} for a Service, {@code spec.http.service.spec} for
 * ECK, {@code spec.dashboards.service} for OpenSearch Dashboards. {@code closeFix} is how to close the Service when the
 * owner's fields do not follow that shape (Zalando's {@code enableMasterLoadBalancer} flag, say); null otherwise.
 */
public record ServiceView(
        String namespace,
        String name,
        String type,
        Map<String, String> annotations,
        Map<String, String> selector,
        List<ServicePortView> ports,
        List<String> loadBalancerSourceRanges,
        List<String> externalIPs,
        String loadBalancerClass,
        ObjectRef owner,
        String settingsPath,
        List<String> loadBalancerIngress,
        String closeFix) {

    /** A Service whose fix follows the settings path. */
    public ServiceView(String namespace, String name, String type, Map<String, String> annotations, Map<String, String> selector,
                       List<ServicePortView> ports, List<String> loadBalancerSourceRanges, List<String> externalIPs,
                       String loadBalancerClass, ObjectRef owner, String settingsPath, List<String> loadBalancerIngress) {
        this(namespace, name, type, annotations, selector, ports, loadBalancerSourceRanges, externalIPs, loadBalancerClass,
                owner, settingsPath, loadBalancerIngress, null);
    }

    /** A Service without a load-balancer status (not provisioned yet, or generated from a custom resource). */
    public ServiceView(String namespace, String name, String type, Map<String, String> annotations, Map<String, String> selector,
                       List<ServicePortView> ports, List<String> loadBalancerSourceRanges, List<String> externalIPs,
                       String loadBalancerClass, ObjectRef owner, String settingsPath) {
        this(namespace, name, type, annotations, selector, ports, loadBalancerSourceRanges, externalIPs, loadBalancerClass,
                owner, settingsPath, List.of());
    }

    public ServiceView {
        loadBalancerIngress = List.copyOf(loadBalancerIngress);
        annotations = Map.copyOf(annotations);
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
        loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
        externalIPs = List.copyOf(externalIPs);
    }

    /** The same view with the load-balancer status of the real Service of that name. */
    public ServiceView withLoadBalancerIngress(List<String> ingress) {
        return new ServiceView(namespace, name, type, annotations, selector, ports, loadBalancerSourceRanges, externalIPs,
                loadBalancerClass, owner, settingsPath, ingress, closeFix);
    }

    /** The same view, closed the way {@code fix} says (its owner's own words). */
    public ServiceView withCloseFix(String fix) {
        return new ServiceView(namespace, name, type, annotations, selector, ports, loadBalancerSourceRanges, externalIPs,
                loadBalancerClass, owner, settingsPath, loadBalancerIngress, fix);
    }

    public ObjectRef ref() {
        return ObjectRef.of("Service", namespace, name);
    }

    /** The object a user changes to fix this Service: the owning custom resource, or the Service itself. */
    public ObjectRef blame() {
        return owner != null ? owner : ref();
    }

    /** "Service shop/logs-es-http (generated from Elasticsearch shop/logs)" */
    public String display(String typeLabel) {
        String base = typeLabel + " Service " + namespace + "/" + name;
        return owner == null ? base : base + " (generated from " + owner.display() + ")";
    }
}
