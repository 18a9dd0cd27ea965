package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.IngressView;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds every path from outside the cluster to a datastore port: LoadBalancer, NodePort and externalIPs
 * Services, Ingresses (through the Service they route to), and pods on the node network or with host
 * ports. A Service reaches a datastore only when its selector matches the datastore's pods and its
 * targetPort (number, or name resolved against the datastore's container ports) is a port that speaks the
 * datastore's protocol: a LoadBalancer in front of a metrics sidecar is not a datastore exposure.
 */
public final class PathAnalyzer {

    public List<ExposurePath> analyze(Inventory inventory) {
        return analyze(inventory, InternalNetworks.NONE);
    }

    /** As {@link #analyze(Inventory)}, with entries whose sources all lie in {@code internal} counted as in-cluster. */
    public List<ExposurePath> analyze(Inventory inventory, InternalNetworks internal) {
        return analyze(inventory, internal, CloudProvider.AUTO);
    }

    /** As above, trusting only {@code provider}'s internal load-balancer annotations. */
    public List<ExposurePath> analyze(Inventory inventory, InternalNetworks internal, CloudProvider provider) {
        List<ExposurePath> paths = new ArrayList<>();
        for (ServiceView service : inventory.services()) {
            serviceEntries(service, paths, inventory, internal, provider);
        }
        for (IngressView ingress : inventory.ingresses()) {
            ingressPaths(ingress, inventory, paths, internal);
        }
        for (Datastore d : inventory.datastores()) {
            hostPaths(d, paths);
        }
        return paths;
    }

    // Stateless: the analyzer is shared by concurrent callers (webhooks judging on a pool), so everything a call
    // depends on, such as the internal networks of its own policies, is passed down, never kept in a field.
    private void serviceEntries(ServiceView s, List<ExposurePath> paths, Inventory inventory, InternalNetworks internal,
                                CloudProvider provider) {
        List<Entry> entries = new ArrayList<>();
        if ("LoadBalancer".equals(s.type())) {
            entries.add(new Entry(EntryType.LOAD_BALANCER, internal.narrow(LoadBalancerReach.decide(s, provider),
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
        for (Datastore d : inventory.selectedBy(s.namespace(), s.selector())) {
            for (ServicePortView port : s.ports()) {
                Optional<DataPort> target = target(d, port);
                if (target.isEmpty()) {
                    continue;
                }
                for (Entry e : entries) {
                    String entryHop = s.display(e.type.label()) + " port " + port.display()
                            + (e.type == EntryType.NODE_PORT && port.nodePort() > 0 ? " (nodePort " + port.nodePort() + ")" : "");
                    paths.add(new ExposurePath(d, target.get(), e.type, e.decision.reach(), s.blame(),
                            List.of(origin(e.decision), entryHop, datastoreHop(d, target.get())),
                            e.decision.facts(), false, e.fix, List.of(s.ref(), s.blame(), d.ref())));
                }
            }
        }
    }

    private void ingressPaths(IngressView ingress, Inventory inventory, List<ExposurePath> paths, InternalNetworks internal) {
        EntryDecision decision = null;
        for (IngressView.Backend b : ingress.backends()) {
            Optional<ServiceView> service = inventory.service(ingress.namespace(), b.serviceName());
            if (service.isEmpty()) {
                continue;
            }
            ServiceView s = service.get();
            Optional<ServicePortView> servicePort = s.ports().stream()
                    .filter(p -> (b.portNumber() != null && p.port() == b.portNumber())
                            || (b.portName() != null && b.portName().equals(p.name())))
                    .findFirst();
            if (servicePort.isEmpty()) {
                continue;
            }
            for (Datastore d : inventory.selectedBy(s.namespace(), s.selector())) {
                Optional<DataPort> target = target(d, servicePort.get());
                if (target.isEmpty()) {
                    continue;
                }
                if (decision == null) {
                    decision = IngressAuth.decide(ingress, inventory, internal);
                }
                String fix = "require authentication on " + ingress.ref().display()
                        + " (nginx.ingress.kubernetes.io/auth-type + auth-secret, auth-url, or a Traefik basicAuth/forwardAuth"
                        + " middleware), or remove its route " + b.display() + " to Service " + s.name();
                paths.add(new ExposurePath(d, target.get(), EntryType.INGRESS, decision.reach(), ingress.ref(),
                        List.of(origin(decision), "Ingress " + ingress.namespace() + "/" + ingress.name() + " " + b.display(),
                                s.display(s.type()) + " port " + servicePort.get().display(), datastoreHop(d, target.get())),
                        decision.facts(), decision.authenticates(), fix, List.of(ingress.ref(), s.ref(), s.blame(), d.ref())));
            }
        }
    }

    private void hostPaths(Datastore d, List<ExposurePath> paths) {
        for (DataPort port : d.ports()) {
            if (d.hostNetwork()) {
                paths.add(hostPath(d, port, EntryType.HOST_NETWORK, "pods use hostNetwork: true, so port "
                        + port.number() + " is open on the node's address", "remove hostNetwork: true from the pod spec of "));
            } else if (port.hostPort() > 0) {
                paths.add(hostPath(d, port, EntryType.HOST_PORT, "container port " + port.number()
                        + " is published as hostPort " + port.hostPort() + " on the node's address", "remove hostPort from the container ports of "));
            }
        }
    }

    private static ExposurePath hostPath(Datastore d, DataPort port, EntryType type, String fact, String fix) {
        return new ExposurePath(d, port, type, Reach.PUBLIC, d.ref(),
                List.of("internet", "node address (" + type.label() + ") of " + d.ref().display(), datastoreHop(d, port)),
                List.of(fact), false, fix + d.ref().display(), List.of(d.ref()));
    }

    static Optional<DataPort> target(Datastore d, ServicePortView port) {
        if (port.targetName() != null) {
            return d.portByName(port.targetName());
        }
        return port.targetNumber() == null ? Optional.empty() : d.portByNumber(port.targetNumber());
    }

    private static String origin(EntryDecision decision) {
        return switch (decision.reach()) {
            case PUBLIC -> "internet";
            case RESTRICTED -> "restricted networks";
            case CLUSTER -> "cluster";
        };
    }

    private static String datastoreHop(Datastore d, DataPort port) {
        return d.hop(port);
    }

    private static String lbFix(ServiceView s) {
        if (s.owner() != null) {
            return "set " + s.settingsPath() + ".type: ClusterIP on " + s.owner().display()
                    + ", or restrict it with " + s.settingsPath() + ".loadBalancerSourceRanges or an internal load-balancer annotation";
        }
        return "change " + s.ref().display() + " to type ClusterIP, or restrict it with spec.loadBalancerSourceRanges"
                + " or an internal load-balancer annotation";
    }

    private static String typeFix(ServiceView s, String type) {
        return s.owner() != null
                ? "set " + s.settingsPath() + ".type: ClusterIP on " + s.owner().display() + " (not " + type + ")"
                : "change " + s.ref().display() + " from type " + type + " to ClusterIP";
    }

    private record Entry(EntryType type, EntryDecision decision, String fix) {
    }
}
