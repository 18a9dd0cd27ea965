package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-port Service an operator generates with a type chosen in its custom resource by a flag or a type field
 * rather than a Service template (Zalando's {@code enableMasterLoadBalancer}, Crunchy PGO's {@code spec.service.type}).
 * Only a NodePort or LoadBalancer is returned: a ClusterIP one opens nothing, and leaving it out lets the real
 * Service of that name be read as it is.
 */
final class PublishedService {

    private static final List<String> TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer");

    private PublishedService() {
    }

    /**
     * The Service type a template's {@code key} asks for, ClusterIP when it is absent.
     *
     * @throws InvalidFieldException naming the field, for a type that is no Service type an operator creates
     */
    static String type(Tree template, String key) {
        String type = template.string(key).orElse("ClusterIP");
        if (!TYPES.contains(type)) {
            throw new InvalidFieldException(template.pathText() + "." + key + ": expected ClusterIP, NodePort or LoadBalancer, found " + type);
        }
        return type;
    }

    /**
     * The port number a resource's {@code key} sets, {@code fallback} when it is absent.
     *
     * @throws InvalidFieldException naming the field, for a number that is no TCP port
     */
    static int port(Tree tree, String key, int fallback) {
        int port = tree.integer(key).orElse(fallback);
        if (port < 1 || port > 65535) {
            throw new InvalidFieldException(tree.pathText() + "." + key + ": expected a port from 1 to 65535, found " + port);
        }
        return port;
    }

    /**
     * @param type         the Service type the resource asks for
     * @param nodePort     the fixed node port asked for; 0 for one Kubernetes allocates
     * @param ranges       the load balancer's source ranges
     * @param settingsPath where the resource chooses the type, for remediation text
     * @return the Service, when it is a NodePort or LoadBalancer
     */
    static Optional<ServiceView> of(ObjectRef owner, String name, String type, Map<String, String> annotations,
                                    Map<String, String> selector, int port, String portName, int nodePort,
                                    List<String> ranges, String settingsPath) {
        return of(owner, name, type, annotations, selector, port, portName, nodePort, ranges, null, settingsPath);
    }

    /** The same, with the load balancer's class ({@code null} for the cloud's default). */
    static Optional<ServiceView> of(ObjectRef owner, String name, String type, Map<String, String> annotations,
                                    Map<String, String> selector, int port, String portName, int nodePort,
                                    List<String> ranges, String loadBalancerClass, String settingsPath) {
        return of(owner, name, type, annotations, selector, List.of(new ServicePortView(portName, port, port, null, nodePort)),
                ranges, loadBalancerClass, settingsPath);
    }

    /** The same, for a Service of several ports (each targeting the same number on the pods). */
    static Optional<ServiceView> of(ObjectRef owner, String name, String type, Map<String, String> annotations,
                                    Map<String, String> selector, List<ServicePortView> ports,
                                    List<String> ranges, String loadBalancerClass, String settingsPath) {
        boolean loadBalancer = type.equals("LoadBalancer");
        if (!loadBalancer && !type.equals("NodePort")) {
            return Optional.empty();
        }
        return Optional.of(new ServiceView(owner.namespace(), name, type, annotations, selector, ports,
                loadBalancer ? ranges : List.of(), List.of(), loadBalancer ? loadBalancerClass : null, owner, settingsPath));
    }

    /** The same, with one Service port that targets another container port (MinIO's 443 to 9000). */
    static Optional<ServiceView> of(ObjectRef owner, String name, String type, Map<String, String> annotations,
                                    Map<String, String> selector, ServicePortView port,
                                    List<String> ranges, String loadBalancerClass, String settingsPath) {
        return of(owner, name, type, annotations, selector, List.of(port), ranges, loadBalancerClass, settingsPath);
    }
}
