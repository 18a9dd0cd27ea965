package io.exposureguard.core.exposure;

import java.util.List;
import java.util.regex.Pattern;

/** CIDR and address facts without any DNS or network access. */
final class Cidrs {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/\\d{1,2})?");

    private Cidrs() {
    }

    /** True when a range admits every address: 0.0.0.0/0 or ::/0. */
    static boolean open(String cidr) {
        String c = cidr.trim();
        return c.equals("0.0.0.0/0") || c.equals("::/0") || c.equals("0::0/0");
    }

    static boolean anyOpen(List<String> cidrs) {
        return cidrs.stream().anyMatch(Cidrs::open);
    }

    /** RFC 1918, carrier-grade NAT, loopback and link-local IPv4; unique-local and link-local IPv6. */
    static boolean privateAddress(String address) {
        String a = address.trim().toLowerCase(java.util.Locale.ROOT);
        var m = IPV4.matcher(a);
        if (m.matches()) {
            int o1 = Integer.parseInt(m.group(1));
            int o2 = Integer.parseInt(m.group(2));
            return o1 == 10 || o1 == 127 || (o1 == 172 && o2 >= 16 && o2 <= 31) || (o1 == 192 && o2 == 168)
                    || (o1 == 100 && o2 >= 64 && o2 <= 127) || (o1 == 169 && o2 == 254);
        }
        return a.startsWith("fc") || a.startsWith("fd") || a.startsWith("fe80") || a.equals("::1");
    }

    /** True for an IPv4 or IPv6 address (not a host name). */
    static boolean isAddress(String value) {
        return new inet.ipaddr.IPAddressString(value.trim()).isIPAddress();
    }

    /** Splits "10.0.0.0/8, 192.168.0.0/16" as annotations write lists. */
    static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
