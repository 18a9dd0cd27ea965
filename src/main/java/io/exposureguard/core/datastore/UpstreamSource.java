package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a UI or proxy module reads the addresses it forwards to: an environment variable holding URLs or
 * {@code host:port} lists, a host and a port variable, a pattern over its mounted configuration, or the address its
 * image uses when nothing is set. A module declares its sources in order of precedence ({@link #first}); each reads a
 * container and returns the addresses with where they were read. Pure.
 */
@FunctionalInterface
public interface UpstreamSource {

    /** Text longer than this (an env value, a config match) is not read for addresses. */
    int MAX_VALUE = 4096;

    List<Upstream> read(ContainerView c);

    /** The addresses of the first source that gives any. */
    static List<Upstream> first(List<UpstreamSource> sources, ContainerView c) {
        for (UpstreamSource s : sources) {
            List<Upstream> found = s.read(c);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** An environment variable holding one URL or address, or a comma/space-separated list of them. */
    static UpstreamSource env(String name) {
        return c -> c.envValue(name).filter(v -> v.length() <= MAX_VALUE)
                .map(v -> Upstream.parse(v, "container " + c.containerName() + " env " + name)).orElse(List.of());
    }

    /** A host variable (a comma-separated list allowed) with its port in another variable (absent: the datastore's default). */
    static UpstreamSource hostAndPort(String hostEnv, String portEnv) {
        return c -> {
            if (c.envValue(hostEnv).isEmpty() || c.envValue(hostEnv).get().length() > MAX_VALUE) {
                return List.of();
            }
            String port = c.envValue(portEnv).map(String::trim).filter(p -> p.matches("\\d{1,5}")).orElse(null);
            List<Upstream> out = new ArrayList<>();
            for (String host : c.envValue(hostEnv).get().split("[,\\s]+")) {
                String address = port == null || host.contains(":") ? host : host + ":" + port;
                out.addAll(Upstream.parse(address, "container " + c.containerName() + " env " + hostEnv
                        + (port == null ? "" : " and " + portEnv)));
            }
            return out;
        };
    }

    /** Group 1 of each match of {@code pattern} in the mounted configuration ({@code what} names the setting). */
    static UpstreamSource config(Pattern pattern, String what) {
        return c -> {
            List<Upstream> out = new ArrayList<>();
            Matcher m = pattern.matcher(c.mountedConfig());
            while (m.find()) {
                if (m.group(1).length() <= MAX_VALUE) {
                    out.addAll(Upstream.parse(m.group(1), "mounted config " + what));
                }
            }
            return out;
        };
    }

    /** The address the image uses when nothing else names one. */
    static UpstreamSource imageDefault(String address, String settings) {
        return c -> Upstream.parse(address, c.imageLabel() + " default " + address + " (no " + settings + " in the input)");
    }
}
