package io.exposureguard.core.kinds;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Lines of a pg_hba.conf as an operator takes them (CloudNativePG's {@code spec.postgresql.pg_hba}): which ones let
 * network clients in without a password ({@code trust}), for addresses other than the loopback.
 */
final class PgHba {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1/32", "::1/128", "localhost", "127.0.0.1");

    private PgHba() {
    }

    /** The address a {@code host*} line trusts without a password; empty for any other line. */
    static Optional<String> trustedAddress(String line) {
        List<String> tokens = List.of(line.trim().split("\\s+"));
        if (tokens.size() < 5 || !tokens.get(0).toLowerCase(Locale.ROOT).startsWith("host") || tokens.get(0).startsWith("#")) {
            return Optional.empty();
        }
        String address = tokens.get(3);
        boolean withMask = !address.contains("/") && address.matches("[0-9.]+") && tokens.size() >= 6;
        String method = tokens.get(withMask ? 5 : 4).toLowerCase(Locale.ROOT);
        if (!method.equals("trust") || LOOPBACK.contains(address)) {
            return Optional.empty();
        }
        return Optional.of(withMask ? address + " " + tokens.get(4) : address);
    }
}
