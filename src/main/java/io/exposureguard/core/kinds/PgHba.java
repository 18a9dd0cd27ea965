package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.exposureguard.core.datastore.AuthVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Lines of a pg_hba.conf as an operator takes them (CloudNativePG's {@code spec.postgresql.pg_hba}, Zalando's
 * {@code spec.patroni.pg_hba}, Crunchy PGO's patroni dynamic configuration): which ones let network clients in
 * without a password ({@code trust}), for addresses other than the loopback, the verdict they give and the fix that
 * removes them.
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

    /** The addresses the lines trust without a password, in their order. */
    static List<String> trustedAddresses(List<String> lines) {
        List<String> trusted = new ArrayList<>();
        lines.forEach(line -> trustedAddress(line).ifPresent(trusted::add));
        return trusted;
    }

    /**
     * Authentication off because {@code field} of {@code owner} trusts network clients; empty when no line does.
     *
     * @param fix what to remove, and what the operator's default then asks for
     */
    static Optional<AuthVerdict> off(String owner, String field, List<String> lines, String fix) {
        List<String> trusted = trustedAddresses(lines);
        if (trusted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AuthVerdict.off(owner + " " + field + " trusts clients from " + String.join(", ", trusted)
                + " without a password (pg_hba trust: \"allow the connection unconditionally\")", fix));
    }

    /**
     * Removes the trust lines for network clients from the list {@code key} of {@code parent}. A list left empty
     * stays: the operators read it as no custom lines, so their default rules apply again.
     *
     * @return whether anything changed
     */
    static boolean removeTrustLines(JsonNode parent, String key) {
        return parent.path(key) instanceof ArrayNode lines
                && SettingsEdits.removeIf(lines, l -> l.isTextual() && trustedAddress(l.asText()).isPresent());
    }
}
