package io.exposureguard.core.audit;

import io.exposureguard.core.probe.ApiServerAddresses;
import io.exposureguard.core.probe.ProbeTarget;
import io.exposureguard.core.probe.ProbeTargetPolicy;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.LabelSelectors;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ProbeSpec;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which endpoints to probe after an audit, from the ExposurePolicies that opt in ({@code spec.probe}): the
 * datastores with a finding (Exposed) or every datastore in the namespaces a policy governs (All), each
 * through every Service port that reaches one of its ports: the Service's cluster IP, and with
 * {@code external: true} also its load-balancer and external addresses. An ECK resource serves TLS
 * unless the engine reported its TLS as off (EG-TLS-001). Pure.
 * <p>
 * Every endpoint passes the {@link ProbeTargetPolicy} first; one it refuses is planned as refused (with the reason,
 * so the finding and the metrics show it) and is never sent anything. ExternalName Services are always refused:
 * they point wherever their author writes. When several policies ask for one datastore's probe, an address must be
 * allowed by each, and a credential demand may lower a severity only if each sets {@code trustCredentialAnswers}.
 */
public final class ProbePlanner {

    /**
     * One endpoint of one datastore. {@code refused} is empty when the target may be probed, else why not (nothing is
     * sent); {@code trustCredentialAnswers} is whether the policies let a credential demand lower a severity.
     */
    public record Planned(ObjectRef datastore, ProbeTarget target, boolean trustCredentialAnswers, String refused) {

        public Planned {
            Objects.requireNonNull(datastore, "datastore");
            Objects.requireNonNull(target, "target");
            refused = refused == null ? "" : refused;
        }

        /** A target that may be probed, whose credential demands do not lower a severity. */
        public Planned(ObjectRef datastore, ProbeTarget target) {
            this(datastore, target, false, "");
        }

        public boolean isRefused() {
            return !refused.isEmpty();
        }
    }

    private final ProbeTargetPolicy targets;

    /** Production code passes {@link ProbeTargetPolicy#production()}. */
    public ProbePlanner(ProbeTargetPolicy targets) {
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    /**
     * The endpoints to probe, allowed or refused. {@code apiServer}: the API server's endpoint addresses as read by the
     * caller; the cluster IPs of the {@code kubernetes} Service in {@code default} are taken from {@code cluster}.
     */
    public List<Planned> plan(Inventory inventory, List<Decision> reported, ClusterState cluster, ApiServerAddresses apiServer) {
        List<Planned> planned = new ArrayList<>();
        Map<String, List<Service>> servicesByNamespace = null;
        Set<String> apiServerAddresses = null;
        Map<String, String> serviceAddresses = null;
        for (Datastore d : inventory.datastores()) {
            List<ProbeSpec> specs = specs(d, reported, cluster);
            if (specs.isEmpty()) {
                continue;
            }
            boolean external = specs.stream().anyMatch(ProbeSpec::isExternal);
            boolean trust = specs.stream().allMatch(ProbeSpec::isTrustCredentialAnswers);
            List<List<String>> allowed = specs.stream().map(p -> p.getAllowedTargetCidrs() == null ? List.<String>of()
                    : p.getAllowedTargetCidrs().stream().filter(Objects::nonNull).toList()).toList();
            boolean tls = (d.ref().kind().equals("Elasticsearch") || d.ref().kind().equals("Kibana"))
                    && reported.stream().noneMatch(x -> x.finding().datastore().equals(d.ref()) && x.finding().rule().id().equals("EG-TLS-001"));
            if (servicesByNamespace == null) {
                servicesByNamespace = cluster.objects().stream().filter(Service.class::isInstance).map(Service.class::cast)
                        .collect(java.util.stream.Collectors.groupingBy(s -> String.valueOf(s.getMetadata().getNamespace())));
                apiServerAddresses = apiServerAddresses(servicesByNamespace, apiServer);
                serviceAddresses = serviceAddresses(servicesByNamespace);
            }
            for (Service s : servicesByNamespace.getOrDefault(d.namespace(), List.of())) {
                if (s.getSpec() == null || s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty()
                        || !d.selectedBy(s.getSpec().getSelector())) {
                    continue;
                }
                for (ServicePort p : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
                    if (p.getPort() == null || p.getPort() < 1 || p.getPort() > 65535 || target(d, p).isEmpty()) {
                        continue;
                    }
                    if ("ExternalName".equals(s.getSpec().getType())) {
                        String name = s.getSpec().getExternalName();
                        planned.add(new Planned(d.ref(), new ProbeTarget(serviceName(s), p.getPort(), d.kind(), tls), trust,
                                "Service " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()
                                        + " is an ExternalName Service (pointing at " + (name == null || name.isBlank() ? "nothing" : name)
                                        + "), whose target is any name its author writes: not probed"));
                        continue;
                    }
                    for (Host host : hosts(s, external)) {
                        Optional<String> refusal = apiServer.known()
                                ? targets.refusal(host.host(), host.source(), allowed, apiServerAddresses)
                                : Optional.of("the Kubernetes API server's addresses could not be read (" + apiServer.unreadable()
                                        + "), so no target can be checked against them: nothing is probed");
                        String probed = refusal.isPresent() ? host.host() : ProbeTargetPolicy.canonical(host.host()).orElseThrow();
                        String owner = serviceAddresses.get(probed);
                        String self = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
                        if (refusal.isEmpty() && host.source() == ProbeTargetPolicy.Source.EXTERNAL_IP && owner != null && !owner.equals(self)) {
                            refusal = Optional.of(probed + " (" + host.source().label() + ") is an address of Service " + owner
                                    + ", not of this one: its answer would be that Service's");
                        }
                        planned.add(new Planned(d.ref(), new ProbeTarget(probed, p.getPort(), d.kind(), tls), trust, refusal.orElse("")));
                    }
                }
            }
        }
        return planned;
    }

    /** The endpoint addresses read by the caller and the cluster IPs of Service default/kubernetes. */
    private static Set<String> apiServerAddresses(Map<String, List<Service>> servicesByNamespace, ApiServerAddresses apiServer) {
        Set<String> out = new LinkedHashSet<>(apiServer.endpoints());
        for (Service s : servicesByNamespace.getOrDefault("default", List.of())) {
            if ("kubernetes".equals(s.getMetadata().getName()) && s.getSpec() != null) {
                if (s.getSpec().getClusterIP() != null) {
                    out.add(s.getSpec().getClusterIP());
                }
                if (s.getSpec().getClusterIPs() != null) {
                    out.addAll(s.getSpec().getClusterIPs());
                }
            }
        }
        return out;
    }

    /** Cluster IPs and load-balancer IPs of every Service, canonical, to the Service ("ns/name") that has them. */
    private static Map<String, String> serviceAddresses(Map<String, List<Service>> servicesByNamespace) {
        Map<String, String> out = new java.util.HashMap<>();
        servicesByNamespace.values().forEach(list -> list.forEach(s -> {
            String ref = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
            List<String> addresses = new ArrayList<>();
            if (s.getSpec() != null) {
                addresses.add(s.getSpec().getClusterIP());
                if (s.getSpec().getClusterIPs() != null) {
                    addresses.addAll(s.getSpec().getClusterIPs());
                }
            }
            if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null && s.getStatus().getLoadBalancer().getIngress() != null) {
                s.getStatus().getLoadBalancer().getIngress().forEach(i -> addresses.add(i.getIp()));
            }
            addresses.stream().map(ProbeTargetPolicy::canonical).flatMap(Optional::stream).forEach(a -> out.putIfAbsent(a, ref));
        }));
        return out;
    }

    /** The probe settings of every policy that asks to probe a datastore. */
    private static List<ProbeSpec> specs(Datastore d, List<Decision> reported, ClusterState cluster) {
        Set<String> withFinding = new LinkedHashSet<>();
        reported.stream().filter(x -> x.finding().datastore().equals(d.ref())).forEach(x -> x.policy().ifPresent(withFinding::add));
        List<ProbeSpec> out = new ArrayList<>();
        for (ExposurePolicy p : cluster.policies()) {
            ProbeSpec probe = p.getSpec() == null ? null : p.getSpec().getProbe();
            if (probe == null || probe.getMode() == null || probe.getMode().equals(ProbeSpec.OFF)) {
                continue;
            }
            String name = p.getMetadata() == null ? null : p.getMetadata().getName();
            if (probe.getMode().equals(ProbeSpec.EXPOSED) && withFinding.contains(name)
                    || probe.getMode().equals(ProbeSpec.ALL) && governs(p, d.namespace(), cluster.namespaceLabels())) {
                out.add(probe);
            }
        }
        return out;
    }

    private static boolean governs(ExposurePolicy p, String namespace, Map<String, Map<String, String>> namespaceLabels) {
        if (p.getSpec().getExcludedNamespaces() != null && p.getSpec().getExcludedNamespaces().contains(namespace)) {
            return false;
        }
        return p.getSpec().getNamespaceSelector() == null
                || LabelSelectors.matches(p.getSpec().getNamespaceSelector(), namespaceLabels.getOrDefault(namespace, Map.of()));
    }

    private static Optional<DataPort> target(Datastore d, ServicePort p) {
        IntOrString target = p.getTargetPort();
        if (target == null) {
            return d.portByNumber(p.getPort());
        }
        return target.getStrVal() != null ? d.portByName(target.getStrVal()) : d.portByNumber(target.getIntVal());
    }

    /** A host to probe and where in the Service it came from. */
    private record Host(String host, ProbeTargetPolicy.Source source) {
    }

    private static List<Host> hosts(Service s, boolean external) {
        List<Host> hosts = new ArrayList<>();
        String clusterIp = s.getSpec().getClusterIP();
        hosts.add(clusterIp != null && !clusterIp.isBlank() && !clusterIp.equals("None")
                ? new Host(clusterIp, ProbeTargetPolicy.Source.CLUSTER_IP)
                : new Host(serviceName(s), ProbeTargetPolicy.Source.SERVICE_NAME));
        if (external) {
            if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null && s.getStatus().getLoadBalancer().getIngress() != null) {
                s.getStatus().getLoadBalancer().getIngress().stream()
                        .map(i -> i.getIp() != null ? i.getIp() : i.getHostname()).filter(h -> h != null && !h.isBlank())
                        .forEach(h -> hosts.add(new Host(h, ProbeTargetPolicy.Source.LOAD_BALANCER)));
            }
            if (s.getSpec().getExternalIPs() != null) {
                s.getSpec().getExternalIPs().stream().filter(h -> h != null && !h.isBlank())
                        .forEach(h -> hosts.add(new Host(h, ProbeTargetPolicy.Source.EXTERNAL_IP)));
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        return hosts.stream().filter(h -> seen.add(ProbeTargetPolicy.canonical(h.host()).orElse(h.host().trim().toLowerCase(java.util.Locale.ROOT)))).toList();
    }

    private static String serviceName(Service s) {
        return s.getMetadata().getName() + "." + s.getMetadata().getNamespace() + ".svc";
    }
}
