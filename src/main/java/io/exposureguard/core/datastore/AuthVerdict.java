package io.exposureguard.core.datastore;

import io.exposureguard.core.model.Severity;

import java.util.List;

/**
 * The authentication verdict for one datastore. {@code weakness} is how bad the state is on its own
 * (critical for auth off, the anonymous role's weight for anonymous access); {@code fix} tells how to
 * turn authentication on, for the datastore at hand.
 */
public record AuthVerdict(AuthState state, Severity weakness, List<String> facts, String fix) {

    public AuthVerdict {
        facts = List.copyOf(facts);
    }

    public static AuthVerdict off(String fact, String fix) {
        return new AuthVerdict(AuthState.OFF, Severity.CRITICAL, List.of(fact), fix);
    }

    public static AuthVerdict anonymous(Severity weakness, String fact, String fix) {
        return new AuthVerdict(AuthState.ANONYMOUS, weakness, List.of(fact), fix);
    }

    public static AuthVerdict on(String fact) {
        return new AuthVerdict(AuthState.ON, Severity.LOW, List.of(fact), "");
    }

    public static AuthVerdict unknown(String fact, String fix) {
        return new AuthVerdict(AuthState.UNKNOWN, Severity.MEDIUM, List.of(fact), fix);
    }

    public boolean open() {
        return state == AuthState.OFF || state == AuthState.ANONYMOUS;
    }
}
