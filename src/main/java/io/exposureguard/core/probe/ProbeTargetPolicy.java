package io.exposureguard.core.probe;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses the probe may send to. Pure: a host and where it came from in, a refusal reason (or none) out.
 * <ul>
 *   <li>Only IP literals are probed: a DNS name (a headless Service's name, a load-balancer host name, an
 *       ExternalName) can resolve anywhere after it was checked.</li>
 *   <li>The {@link #refused} ranges are refused whatever a policy says. {@link #production()} refuses loopback,
 *       link-local (where cloud metadata services answer), "this host" and the cloud metadata addresses outside
 *       link-local; this list is a constructor value only so that tests can probe servers they run on 127.0.0.1
 *       (and say so where they build such a policy). Production code uses {@link #production()} only.</li>
 *   <li>The Kubernetes API server's addresses are refused whatever a policy says.</li>
 *   <li>A Service's cluster IP is allowed (Kubernetes assigns it from the Service range); any other address
 *       (externalIPs, which a Service's author writes freely; load-balancer ingress) only inside the
 *       {@code allowedTargetCidrs} of every policy that asks for the probe.</li>
 * </ul>
 * IPv4-mapped IPv6 addresses ({@code ::ffff:127.0.0.1}) are judged as the IPv4 address they carry. A host that
 * passes is returned in canonical form, so what was checked is exactly what is connected to.
 */
public final class ProbeTargetPolicy {

    /** A range refused whatever the policy says, and why ("a loopback address"). */
    public record Refused(String cidr, String why) {
    }

    /** Where a host to probe came from in the Service. */
    public enum Source {
        /** {@code spec.clusterIP}: assigned by Kubernetes from the Service range. */
        CLUSTER_IP("cluster IP"),
        /** {@code status.loadBalancer.ingress}: written by the load-balancer controller. */
        LOAD_BALANCER("load-balancer address"),
        /** {@code spec.externalIPs}: any address the Service's author writes. */
        EXTERNAL_IP("externalIPs entry"),
        /** The DNS name of a Service without a cluster IP (headless). */
        SERVICE_NAME("name of a Service without a cluster IP");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Refused in production, whatever a policy says. */
    public static final List<Refused> ALWAYS_REFUSED = List.of(
            new Refused("127.0.0.0/8", "a loopback address"),
            new Refused("::1/128", "a loopback address"),
            new Refused("169.254.0.0/16", "a link-local address (cloud metadata services answer there)"),
            new Refused("fe80::/10", "a link-local address (cloud metadata services answer there)"),
            new Refused("0.0.0.0/8", "a \"this host\" address"),
            new Refused("::/128", "the unspecified address"),
            new Refused("fd00:ec2::254/128", "a cloud metadata address"),
            new Refused("100.100.100.200/32", "a cloud metadata address"));

    private static final ProbeTargetPolicy PRODUCTION = new ProbeTargetPolicy(ALWAYS_REFUSED);

    /** Dotted quad without leading zeros (no octal, no "127.1", no single 32-bit number). */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Hex groups and colons (an embedded dotted quad allowed): no zone, prefix, range or wildcard. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Refused> refused;
    private final List<IPAddress> refusedRanges;

    /** The ranges refused whatever the policy says; production code uses {@link #production()}. */
    public ProbeTargetPolicy(List<Refused> refused) {
        this.refused = List.copyOf(refused);
        this.refusedRanges = this.refused.stream().map(r -> Objects.requireNonNull(range(r.cidr()), () -> "not a CIDR: " + r.cidr())).toList();
    }

    /** Loopback, link-local, "this host" and cloud metadata addresses refused ({@link #ALWAYS_REFUSED}). */
    public static ProbeTargetPolicy production() {
        return PRODUCTION;
    }

    public List<Refused> refused() {
        return refused;
    }

    /** The address in canonical form, if {@code host} is an IP literal (IPv4-mapped IPv6 as IPv4). */
    public static Optional<String> canonical(String host) {
        return Optional.ofNullable(address(host)).map(IPAddress::toCanonicalString);
    }

    /**
     * Why {@code host} must not be probed, or empty when it may be. {@code allowedTargetCidrs} holds one list per
     * policy that asks for the probe (an address other than a cluster IP must lie inside each); {@code apiServer}
     * the API server's addresses (any form; compared canonically).
     */
    public Optional<String> refusal(String host, Source source, List<List<String>> allowedTargetCidrs, Set<String> apiServer) {
        IPAddress address = address(host);
        if (address == null) {
            return Optional.of(host + " (" + source.label() + ") is not an IP address: names are not probed, since"
                    + " they may resolve anywhere once checked");
        }
        String canonical = address.toCanonicalString();
        if (apiServer.stream().map(ProbeTargetPolicy::address).filter(Objects::nonNull).anyMatch(a -> a.equals(address))) {
            return Optional.of(canonical + " is an address of the Kubernetes API server");
        }
        for (int i = 0; i < refused.size(); i++) {
            if (refusedRanges.get(i).contains(address)) {
                return Optional.of(canonical + " is " + refused.get(i).why());
            }
        }
        if (source == Source.CLUSTER_IP) {
            return Optional.empty();
        }
        for (List<String> allowed : allowedTargetCidrs) {
            if (allowed.stream().map(ProbeTargetPolicy::range).filter(Objects::nonNull).noneMatch(r -> r.contains(address))) {
                return Optional.of(canonical + " (" + source.label() + ") is outside spec.probe.allowedTargetCidrs "
                        + (allowed.isEmpty() ? "(none set: only cluster IPs are probed)" : allowed.toString()));
            }
        }
        return Optional.empty();
    }

    /** An IP literal in a strict form, IPv4-mapped IPv6 unwrapped; null for anything else. */
    private static IPAddress address(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
            return null;
        }
        IPAddressString parsed = new IPAddressString(h);
        IPAddress a = parsed.getAddress();
        if (a == null || a.isPrefixed() || a.isMultiple()) {
            return null;
        }
        if (a instanceof IPv6Address v6 && v6.isIPv4Mapped()) {
            return v6.getEmbeddedIPv4Address();
        }
        return a;
    }

    private static IPAddress range(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            return null;
        }
        IPAddress a = new IPAddressString(cidr.trim()).getAddress();
        return a == null ? null : a.toPrefixBlock();
    }
}
