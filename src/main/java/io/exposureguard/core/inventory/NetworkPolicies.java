package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which NetworkPolicies limit who can connect to a datastore port. A port is limited when at least one
 * policy in the datastore's namespace selects its pods for ingress and no rule of any selecting policy
 * admits every source on that port (a rule without {@code from}, or an ipBlock of 0.0.0.0/0 or ::/0).
 */
public final class NetworkPolicies {

    private final Map<String, List<NetworkPolicy>> byNamespace;

    NetworkPolicies(Map<String, List<NetworkPolicy>> byNamespace) {
        this.byNamespace = byNamespace;
    }

    /** The names of the policies limiting this port; empty when the port is open to every source. */
    public List<String> limiting(Datastore d, DataPort port) {
        List<String> selecting = new ArrayList<>();
        for (NetworkPolicy p : byNamespace.getOrDefault(d.namespace(), List.of())) {
            if (p.getSpec() == null || !isolatesIngress(p) || !LabelSelectors.matches(p.getSpec().getPodSelector(), d.podLabels())) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : nz(p.getSpec().getIngress())) {
                if (coversPort(rule, port) && admitsEverySource(rule)) {
                    return List.of();
                }
            }
            selecting.add(d.namespace() + "/" + p.getMetadata().getName());
        }
        return selecting;
    }

    private static boolean isolatesIngress(NetworkPolicy p) {
        List<String> types = nz(p.getSpec().getPolicyTypes());
        return types.isEmpty() || types.contains("Ingress");
    }

    private static boolean coversPort(NetworkPolicyIngressRule rule, DataPort port) {
        List<NetworkPolicyPort> ports = nz(rule.getPorts());
        if (ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int from = value.getIntVal();
                int to = p.getEndPort() == null ? from : p.getEndPort();
                if (port.number() >= from && port.number() <= to) {
                    return true;
                }
            } else if (value.getStrVal() != null && value.getStrVal().equals(port.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean admitsEverySource(NetworkPolicyIngressRule rule) {
        List<NetworkPolicyPeer> from = nz(rule.getFrom());
        if (from.isEmpty()) {
            return true;
        }
        return from.stream().anyMatch(peer -> peer.getIpBlock() != null
                && ("0.0.0.0/0".equals(peer.getIpBlock().getCidr()) || "::/0".equals(peer.getIpBlock().getCidr()))
                && nz(peer.getIpBlock().getExcept()).isEmpty());
    }

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }
}
