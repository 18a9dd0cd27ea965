package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.model.Hop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Services that publish a port outside the cluster: type LoadBalancer (reach from {@link LoadBalancerReach}), type
 * NodePort, and externalIPs (private addresses only: restricted). A Service reaches a datastore only when it sends to
 * the datastore's pods ({@link Inventory#backends}: its selector, or the EndpointSlices of a Service without one) and
 * its targetPort (number, or name resolved against the datastore's container ports) is a port that speaks the
 * datastore's protocol: a LoadBalancer in front of a metrics sidecar is not a datastore exposure.
 */
final class ServiceEntries implements EntryModule {

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<ExposurePath> paths = new ArrayList<>();
        for (ServiceView s : inventory.services()) {
            paths(s, inventory, context, paths);
        }
        return paths;
    }

    private static void paths(ServiceView s, Inventory inventory, Context context, List<ExposurePath> paths) {
        List<Entry> entries = new ArrayList<>();
        InternalNetworks internal = context.internal();
        if ("LoadBalancer".equals(s.type())) {
            entries.add(new Entry(EntryType.LOAD_BALANCER, internal.narrow(LoadBalancerReach.decide(s, context.provider()),
                    LoadBalancerReach.sourceRanges(s), "loadBalancerSourceRanges"), lbFix(s)));
        } else if ("NodePort".equals(s.type())) {
            entries.add(new Entry(EntryType.NODE_PORT, new EntryDecision(Reach.PUBLIC, false,
                    List.of("type NodePort: the port is open on every node's address")), typeFix(s, "NodePort")));
        }
        if (!s.externalIPs().isEmpty()) {
            boolean allPrivate = s.externalIPs().stream().allMatch(Cidrs::privateAddress);
            EntryDecision external = new EntryDecision(allPrivate ? Reach.RESTRICTED : Reach.PUBLIC, false,
                    List.of("externalIPs " + s.externalIPs() + (allPrivate ? " (private addresses)" : "")));
            entries.add(new Entry(EntryType.EXTERNAL_IP, internal.narrow(external, s.externalIPs(), "externalIPs"),
                    "remove " + s.settingsPath() + ".externalIPs from " + s.blame().display()));
        }
        if (entries.isEmpty()) {
            return;
        }
        for (Datastore d : inventory.backends(s)) {
            for (ServicePortView port : s.ports()) {
                Optional<DataPort> target = EntryHops.target(d, port);
                if (target.isEmpty()) {
                    continue;
                }
                for (Entry e : entries) {
                    int nodePort = e.type == EntryType.NODE_PORT ? port.nodePort() : 0;
                    Hop entry = Hop.entryService(e.type.label(), s.ref(), s.owner(),
                            new Hop.Port(port.port(), port.name(), nodePort), e.decision.facts());
                    paths.add(new ExposurePath(d, target.get(), e.type, e.decision.reach(), s.blame(),
                            List.of(EntryHops.origin(e.decision), entry, d.hop(target.get())),
                            e.decision.facts(), false, e.fix, List.of(s.ref(), s.blame(), d.ref())));
                }
            }
        }
    }

    private static String lbFix(ServiceView s) {
        if (s.closeFix() != null) {
            return s.closeFix();
        }
        if (s.owner() != null) {
            return "set " + s.settingsPath() + ".type: ClusterIP on " + s.owner().display()
                    + ", or restrict it with " + s.settingsPath() + ".loadBalancerSourceRanges or an internal load-balancer annotation";
        }
        return "change " + s.ref().display() + " to type ClusterIP, or restrict it with spec.loadBalancerSourceRanges"
                + " or an internal load-balancer annotation";
    }

    private static String typeFix(ServiceView s, String type) {
        if (s.closeFix() != null) {
            return s.closeFix();
        }
        return s.owner() != null
                ? "set " + s.settingsPath() + ".type: ClusterIP on " + s.owner().display() + " (not " + type + ")"
                : "change " + s.ref().display() + " from type " + type + " to ClusterIP";
    }

    private record Entry(EntryType type, EntryDecision decision, String fix) {
    }
}
