package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a container is given a password through any of a list of env variables, as far as the input shows.
 * Images that accept an "allow an empty password" switch (MYSQL_ALLOW_EMPTY_PASSWORD, Bitnami's
 * ALLOW_EMPTY_PASSWORD) still use a password whenever one is set, so the switch alone does not mean "no password".
 *
 * @param state GIVEN: a non-empty value is in the input (a literal, or a key of a Secret/ConfigMap in the input);
 *              UNSEEN: a value comes from an object or a file ({@code *_FILE}) whose content the input does not
 *              show; NONE: no such variable is set
 * @param fact  which variables, as users see them (Secret values are never printed)
 */
public record PasswordEnv(State state, String fact) {

    public enum State { GIVEN, UNSEEN, NONE }

    public static PasswordEnv of(ContainerView c, String... names) {
        List<String> given = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        for (String name : names) {
            EnvValue v = c.env().get(name);
            if (v == null) {
                continue;
            }
            if (name.endsWith("_FILE") ? !v.value().isBlank() : v.value().isEmpty() && v.source() != null) {
                unseen.add(c.describeEnv(name));
            } else if (!name.endsWith("_FILE") && !v.value().isBlank()) {
                given.add(c.describeEnv(name));
            }
        }
        if (!given.isEmpty()) {
            return new PasswordEnv(State.GIVEN, String.join(", ", given));
        }
        if (!unseen.isEmpty()) {
            return new PasswordEnv(State.UNSEEN, String.join(", ", unseen));
        }
        return new PasswordEnv(State.NONE, "");
    }

    /**
     * The verdict when an allow-empty switch ({@code allowFact}) is set: ON when a password is given, UNKNOWN when
     * its content is not in the input, otherwise the {@code off} verdict.
     */
    public AuthVerdict verdict(String allowFact, AuthVerdict off) {
        return switch (state) {
            case GIVEN -> AuthVerdict.on(allowFact + " is set, but " + fact
                    + " sets the password, which the image uses whenever it is set");
            case UNSEEN -> AuthVerdict.unknown(allowFact + " is set, and the password comes from " + fact
                    + ", whose content the input does not show: if it is empty, there is no password", off.fix());
            case NONE -> off;
        };
    }
}
