package io.exposureguard.policy;

import java.util.regex.Pattern;

/** Syntax check for IPv4/IPv6 CIDRs, without DNS or network access. */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]+(?:\\.\\d{1,3}){0,4}/(\\d{1,3})");

    private Cidr() {
    }

    static boolean valid(String cidr) {
        if (cidr == null) {
            return false;
        }
        var v4 = IPV4.matcher(cidr.trim());
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(5)) <= 32;
        }
        var v6 = IPV6.matcher(cidr.trim());
        return v6.matches() && cidr.contains(":") && Integer.parseInt(v6.group(1)) <= 128;
    }
}
