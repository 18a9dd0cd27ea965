package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * RabbitMQ (AMQP 5672, management UI and API 15672). RabbitMQ itself lets its default {@code guest} user in only
 * from localhost, but the official image's {@code 10-defaults.conf} sets {@code loopback_users.guest = false}: with
 * no RABBITMQ_DEFAULT_USER/PASS, {@code guest}/{@code guest} works from anywhere. Bitnami's image creates
 * RABBITMQ_USERNAME with RABBITMQ_PASSWORD, whose default is {@code bitnami}. A well-known password is as good as
 * none.
 */
public final class RabbitMqModule extends DatastoreModule {

    /** A rabbitmq.conf line that keeps the guest user to localhost (multi-line, case-insensitive). */
    public static final String GUEST_KEPT_LOCAL = "^\\s*loopback_users(\\.guest)?\\s*=\\s*(true|guest)\\b";

    private static final String FIX = "set RABBITMQ_DEFAULT_USER and RABBITMQ_DEFAULT_PASS (RABBITMQ_PASSWORD on Bitnami) from a Secret";

    public RabbitMqModule() {
        super("RabbitMQ", Set.of("rabbitmq"), List.of(5672, 15672));
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        boolean bitnami = c.image().bitnami();
        String passwordName = bitnami ? "RABBITMQ_PASSWORD" : "RABBITMQ_DEFAULT_PASS";
        String wellKnown = bitnami ? "bitnami" : "guest";
        PasswordEnv password = PasswordEnv.of(c, passwordName, passwordName + "_FILE");
        if (c.envValue(passwordName).filter(wellKnown::equals).isPresent()) {
            return AuthVerdict.off(who + " env " + passwordName + " is the image's well-known default password", FIX);
        }
        if (password.state() != PasswordEnv.State.NONE) {
            return AuthVerdict.on(who + " sets the default user's password: " + password.fact());
        }
        if (bitnami) {
            return AuthVerdict.off(c.imageLabel() + ": without RABBITMQ_PASSWORD, Bitnami's image uses its default password 'bitnami'", FIX);
        }
        if (c.configMatches("^\\s*default_pass\\s*=\\s*(?!guest\\s*$)\\S")) {
            return AuthVerdict.on("mounted rabbitmq.conf sets default_pass");
        }
        if (c.configMatches(GUEST_KEPT_LOCAL)) {
            return AuthVerdict.on("mounted rabbitmq.conf keeps the guest user to localhost (loopback_users)");
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") sets no RABBITMQ_DEFAULT_USER/PASS: the official image lets"
                + " guest/guest in from any address (loopback_users.guest = false)", FIX);
    }
}
