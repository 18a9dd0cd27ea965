package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the Service an operator (ECK, OpenSearch) generates from the settings in its custom resource.
 * ECK keeps user-chosen port numbers but always targets its own container port, so matching to pods uses
 * {@code targetPort}, never the port number alone.
 */
public final class GeneratedServices {

    private GeneratedServices() {
    }

    /**
     * @param service      the CR's {@code {metadata, spec}} block for the Service (ECK's {@code spec.http.service})
     * @param settingsPath where that block lives in the CR, for remediation text
     */
    public static ServiceView fromTemplate(String namespace, String name, Tree service, Map<String, String> selector,
                                    int targetPort, String portName, ObjectRef owner, String settingsPath) {
        Tree spec = service.map("spec");
        List<ServicePortView> ports = new ArrayList<>();
        for (Tree p : spec.maps("ports")) {
            ports.add(new ServicePortView(p.string("name").orElse(portName), p.integer("port").orElse(targetPort),
                    targetPort, null, p.integer("nodePort").orElse(0)));
        }
        if (ports.isEmpty()) {
            ports.add(new ServicePortView(portName, targetPort, targetPort, null, 0));
        }
        return view(namespace, name, service, selector, ports, owner, settingsPath);
    }

    /**
     * A Service an operator copies from a template in its custom resource with the template's own ports and
     * targetPorts (Altinity's ClickHouse service templates); a port without targetPort targets its own number.
     *
     * @param service the template's {@code {metadata, spec}} block
     */
    public static ServiceView fromOwnPorts(String namespace, String name, Tree service, Map<String, String> selector,
                                           ObjectRef owner, String settingsPath) {
        Tree spec = service.map("spec");
        List<ServicePortView> ports = new ArrayList<>();
        for (Tree p : spec.maps("ports")) {
            int port = p.integer("port").orElseThrow(() -> new InvalidFieldException(p.pathText() + ".port: missing"));
            Object target = p.rawValue("targetPort");
            Integer targetNumber = target == null ? Integer.valueOf(port) : target instanceof Number n ? Integer.valueOf(n.intValue()) : null;
            String targetName = target == null || target instanceof Number ? null : p.string("targetPort").orElseThrow();
            ports.add(new ServicePortView(p.string("name").orElse(null), port, targetNumber, targetName, p.integer("nodePort").orElse(0)));
        }
        return view(namespace, name, service, selector, ports, owner, settingsPath);
    }

    private static ServiceView view(String namespace, String name, Tree service, Map<String, String> selector,
                                    List<ServicePortView> ports, ObjectRef owner, String settingsPath) {
        Tree spec = service.map("spec");
        return new ServiceView(namespace, name, spec.string("type").orElse("ClusterIP"),
                service.map("metadata").stringMap("annotations"), selector, ports,
                spec.strings("loadBalancerSourceRanges"), spec.strings("externalIPs"),
                spec.string("loadBalancerClass").orElse(null), owner, settingsPath);
    }
}
