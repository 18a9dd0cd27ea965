package io.exposureguard.core.datastore.catalog;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.DatastoreType;
import io.exposureguard.core.datastore.ImageName;

import io.exposureguard.core.datastore.AuthInspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A datastore a policy defines (ExposurePolicy {@code spec.datastores}): recognised by image glob patterns
 * ({@code registry.acme.io/kv/*}, {@code acme-kv}), with the env and args that say whether it authenticates.
 *
 * @param authOffEnv  {@code NAME=value} pairs that mean authentication is off
 * @param authOnEnv   env names whose presence means authentication is on
 * @param authOffArgs args that mean authentication is off
 * @param authOnArgs  args that mean authentication is on
 * @param defaultAuth verdict when no signal is present: off, on or unknown
 */
public record CustomDatastoreType(String displayName, List<String> imagePatterns, List<Integer> defaultPorts,
                                  List<String> authOffEnv, List<String> authOnEnv, List<String> authOffArgs,
                                  List<String> authOnArgs, AuthState defaultAuth) implements DatastoreType, AuthInspector {

    public CustomDatastoreType {
        imagePatterns = List.copyOf(imagePatterns);
        defaultPorts = List.copyOf(defaultPorts);
        authOffEnv = List.copyOf(authOffEnv);
        authOnEnv = List.copyOf(authOnEnv);
        authOffArgs = List.copyOf(authOffArgs);
        authOnArgs = List.copyOf(authOnArgs);
    }

    @Override
    public boolean ui() {
        return false;
    }

    /** The first pattern matching the image reference, its repository or its last path segment. */
    public Optional<String> matches(ImageName image) {
        for (String pattern : imagePatterns) {
            Pattern p = glob(pattern);
            String ref = image.reference().toLowerCase(Locale.ROOT);
            if (p.matcher(ref).matches() || p.matcher(image.repository()).matches() || p.matcher(image.lastSegment()).matches()) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        String fix = "turn authentication on for " + displayName + " (see the ExposurePolicy datastore definition)";
        for (String pair : authOffEnv) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? null : pair.substring(eq + 1);
            if (c.envValue(name).filter(v -> value == null || v.equalsIgnoreCase(value)).isPresent()) {
                return AuthVerdict.off(who + " env " + c.describeEnv(name), fix);
            }
        }
        for (String arg : authOffArgs) {
            if (c.hasArg(arg)) {
                return AuthVerdict.off(who + " runs with " + arg, fix);
            }
        }
        List<String> on = new ArrayList<>();
        authOnEnv.stream().filter(c::envSet).forEach(n -> on.add("env " + c.describeEnv(n)));
        authOnArgs.stream().filter(c::hasArg).forEach(a -> on.add(a));
        if (!on.isEmpty()) {
            return AuthVerdict.on(who + " sets " + String.join(", ", on));
        }
        String fact = who + " (" + c.imageLabel() + ") shows none of the authentication signals its definition lists";
        return switch (defaultAuth) {
            case OFF -> AuthVerdict.off(fact + "; the definition says it is open by default", fix);
            case ON -> AuthVerdict.on(fact + "; the definition says it authenticates by default");
            default -> AuthVerdict.unknown(fact, fix);
        };
    }

    /** '*' matches any characters; everything else is literal. */
    private static Pattern glob(String glob) {
        return Pattern.compile(java.util.Arrays.stream(glob.toLowerCase(Locale.ROOT).split("\\*", -1))
                .map(Pattern::quote).collect(java.util.stream.Collectors.joining(".*")));
    }
}
