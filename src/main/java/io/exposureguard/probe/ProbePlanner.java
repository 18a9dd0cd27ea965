package io.exposureguard.probe;

import io.exposureguard.datastore.DataPort;
import io.exposureguard.datastore.Datastore;
import io.exposureguard.inventory.Inventory;
import io.exposureguard.inventory.LabelSelectors;
import io.exposureguard.model.ObjectRef;
import io.exposureguard.model.policy.ExposurePolicy;
import io.exposureguard.model.policy.ProbeSpec;
import io.exposureguard.policy.ClusterState;
import io.exposureguard.policy.Decision;
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
 * through every Service port that reaches one of its ports: the Service's cluster IP (or its DNS name), and
 * with {@code external: true} also its load-balancer and external addresses. An ECK resource serves TLS
 * unless the engine reported its TLS as off (EG-TLS-001). Pure.
 */
public final class ProbePlanner {

    /** One endpoint of one datastore. */
    public record Planned(ObjectRef datastore, ProbeTarget target) {
    }

    public List<Planned> plan(Inventory inventory, List<Decision> reported, ClusterState cluster) {
        List<Planned> planned = new ArrayList<>();
        Map<String, List<Service>> servicesByNamespace = null;
        for (Datastore d : inventory.datastores()) {
            Optional<ProbeSpec> spec = spec(d, reported, cluster);
            if (spec.isEmpty()) {
                continue;
            }
            boolean tls = (d.ref().kind().equals("Elasticsearch") || d.ref().kind().equals("Kibana"))
                    && reported.stream().noneMatch(x -> x.finding().datastore().equals(d.ref()) && x.finding().rule().id().equals("EG-TLS-001"));
            if (servicesByNamespace == null) {
                servicesByNamespace = cluster.objects().stream().filter(Service.class::isInstance).map(Service.class::cast)
                        .collect(java.util.stream.Collectors.groupingBy(s -> String.valueOf(s.getMetadata().getNamespace())));
            }
            for (Service s : servicesByNamespace.getOrDefault(d.namespace(), List.of())) {
                if (s.getSpec() != null && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()
                        && d.selectedBy(s.getSpec().getSelector())) {
                    for (ServicePort p : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
                        if (p.getPort() == null || target(d, p).isEmpty()) {
                            continue;
                        }
                        for (String host : hosts(s, spec.get().isExternal())) {
                            planned.add(new Planned(d.ref(), new ProbeTarget(host, p.getPort(), d.kind(), tls)));
                        }
                    }
                }
            }
        }
        return planned;
    }

    /** The probe settings that apply to a datastore, if any policy asks to probe it. */
    private static Optional<ProbeSpec> spec(Datastore d, List<Decision> reported, ClusterState cluster) {
        Set<String> withFinding = new LinkedHashSet<>();
        reported.stream().filter(x -> x.finding().datastore().equals(d.ref())).forEach(x -> x.policy().ifPresent(withFinding::add));
        for (ExposurePolicy p : cluster.policies()) {
            ProbeSpec probe = p.getSpec() == null ? null : p.getSpec().getProbe();
            if (probe == null || probe.getMode() == null || probe.getMode().equals(ProbeSpec.OFF)) {
                continue;
            }
            String name = p.getMetadata() == null ? null : p.getMetadata().getName();
            if (probe.getMode().equals(ProbeSpec.EXPOSED) && withFinding.contains(name)) {
                return Optional.of(probe);
            }
            if (probe.getMode().equals(ProbeSpec.ALL) && governs(p, d.namespace(), cluster.namespaceLabels())) {
                return Optional.of(probe);
            }
        }
        return Optional.empty();
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

    private static List<String> hosts(Service s, boolean external) {
        List<String> hosts = new ArrayList<>();
        String clusterIp = s.getSpec().getClusterIP();
        hosts.add(clusterIp != null && !clusterIp.isBlank() && !clusterIp.equals("None") ? clusterIp
                : s.getMetadata().getName() + "." + s.getMetadata().getNamespace() + ".svc");
        if (external) {
            if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null && s.getStatus().getLoadBalancer().getIngress() != null) {
                s.getStatus().getLoadBalancer().getIngress().stream()
                        .map(i -> i.getIp() != null ? i.getIp() : i.getHostname()).filter(Objects::nonNull).forEach(hosts::add);
            }
            if (s.getSpec().getExternalIPs() != null) {
                hosts.addAll(s.getSpec().getExternalIPs());
            }
        }
        return hosts.stream().distinct().toList();
    }
}
