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
        return new ServiceView(namespace, name, spec.string("type").orElse("ClusterIP"),
                service.map("metadata").stringMap("annotations"), selector, ports,
                spec.strings("loadBalancerSourceRanges"), spec.strings("externalIPs"),
                spec.string("loadBalancerClass").orElse(null), owner, settingsPath);
    }
}
