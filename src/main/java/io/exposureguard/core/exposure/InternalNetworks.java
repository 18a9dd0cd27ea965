package io.exposureguard.core.exposure;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.List;
import java.util.Objects;

/**
 * The networks an operator declares internal (ExposurePolicy {@code allowedSourceCidrs}): an entry whose
 * every source range lies inside them is reachable only from inside, like the cluster itself. Invalid
 * CIDRs are ignored here (the policy's status reports them).
 */
public final class InternalNetworks {

    public static final InternalNetworks NONE = new InternalNetworks(List.of());

    private final List<IPAddress> networks;

    public InternalNetworks(List<String> cidrs) {
        this.networks = cidrs.stream().map(InternalNetworks::parse).filter(Objects::nonNull).toList();
    }

    public static boolean valid(String cidr) {
        return parse(cidr) != null;
    }

    /** True when there is at least one range and each lies inside a declared internal network. */
    boolean containAll(List<String> ranges) {
        if (networks.isEmpty() || ranges.isEmpty()) {
            return false;
        }
        for (String range : ranges) {
            IPAddress a = parse(range);
            if (a == null || networks.stream().noneMatch(n -> n.contains(a))) {
                return false;
            }
        }
        return true;
    }

    /** Narrows a restricted entry to CLUSTER reach when all its source ranges are internal. */
    EntryDecision narrow(EntryDecision decision, List<String> ranges, String what) {
        if (decision.reach() == Reach.RESTRICTED && containAll(ranges)) {
            List<String> facts = new java.util.ArrayList<>(decision.facts());
            facts.add(what + " " + ranges + " lie inside the policy's allowedSourceCidrs (internal networks)");
            return new EntryDecision(Reach.CLUSTER, decision.authenticates(), facts);
        }
        return decision;
    }

    private static IPAddress parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            return null;
        }
        IPAddress a = new IPAddressString(cidr.trim()).getAddress();
        return a == null ? null : a.toPrefixBlock();
    }
}
