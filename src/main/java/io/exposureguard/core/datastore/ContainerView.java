package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One container as auth inspectors see it: image, resolved environment ({@code env} and {@code envFrom},
 * with ConfigMaps and Secrets that are in the input), command and args split into tokens, and the text of
 * the ConfigMaps/Secrets mounted into the pod that are in the input. {@code unseenConfig} names mounted
 * ConfigMaps/Secrets that are not in the input (their content may change the verdict). {@code ports} are the
 * container ports it declares (recognising a datastore in an image of another name reads them).
 */
public record ContainerView(
        String containerName,
        ImageName image,
        Map<String, EnvValue> env,
        List<String> args,
        String mountedConfig,
        List<String> unseenConfig,
        List<Integer> ports) {

    private static final Pattern YES = Pattern.compile("(?i)yes|true|1|on");

    /**
     * Ends an {@code unseenConfig} entry for a ConfigMap/Secret the operator's cache kept only in part (an object
     * name cannot contain it, so no input can claim it).
     */
    public static final String TRIMMED = " (too large for exposure-guard to read in full)";

    public ContainerView {
        env = Map.copyOf(env);
        args = List.copyOf(args);
        unseenConfig = List.copyOf(unseenConfig);
        ports = List.copyOf(ports);
    }

    /** A container that declares no ports. */
    public ContainerView(String containerName, ImageName image, Map<String, EnvValue> env, List<String> args,
                         String mountedConfig, List<String> unseenConfig) {
        this(containerName, image, env, args, mountedConfig, unseenConfig, List.of());
    }

    public Optional<String> envValue(String name) {
        EnvValue v = env.get(name);
        return v == null ? Optional.empty() : Optional.of(v.value());
    }

    /** True for Bitnami-style booleans: yes, true, 1, on (any case). */
    public boolean envYes(String name) {
        return envValue(name).map(v -> YES.matcher(v.trim()).matches()).orElse(false);
    }

    /** True when the variable is set to a non-empty value, or comes from a Secret/ConfigMap not in the input. */
    public boolean envSet(String name) {
        EnvValue v = env.get(name);
        return v != null && (!v.value().isEmpty() || v.source() != null);
    }

    /** The entries of {@code unseenConfig} that the operator's cache kept only in part. */
    public List<String> trimmedConfig() {
        return unseenConfig.stream().filter(u -> u.endsWith(TRIMMED)).toList();
    }

    public String describeEnv(String name) {
        EnvValue v = env.get(name);
        return v == null ? name + " unset" : v.describe(name);
    }

    /** True when a token equals the flag or starts with "flag=". */
    public boolean hasArg(String flag) {
        return argValue(flag).isPresent();
    }

    /** The value after "flag=" or the token following the flag ("" when the flag is last). */
    public Optional<String> argValue(String flag) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(flag)) {
                return Optional.of(i + 1 < args.size() ? args.get(i + 1) : "");
            }
            if (a.startsWith(flag + "=")) {
                return Optional.of(a.substring(flag.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** True when a mounted config file in the input matches the (multi-line, case-insensitive) pattern. */
    public boolean configMatches(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE | Pattern.CASE_INSENSITIVE).matcher(mountedConfig).find();
    }

    public String imageLabel() {
        return "image " + image.reference();
    }

    public String lowerName() {
        return containerName.toLowerCase(Locale.ROOT);
    }
}
