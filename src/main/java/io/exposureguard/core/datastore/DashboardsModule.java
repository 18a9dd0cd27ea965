package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain Kibana / OpenSearch Dashboards containers. Their login depends on the backing cluster, which a
 * container alone does not show, so the verdict is OFF only when the container itself disables security.
 * One class for both products: they share the settings read here and the status probe.
 */
public final class DashboardsModule extends DatastoreModule {

    /**
     * Where the product reads its backing cluster's address: environment variables and kibana.yml keys, in the order
     * they take precedence, and the address the official image uses when neither is set.
     */
    public record UpstreamSettings(List<String> env, List<String> configKeys, String imageDefault) {

        public UpstreamSettings {
            env = List.copyOf(env);
            configKeys = List.copyOf(configKeys);
        }
    }

    private final UpstreamSettings upstreamSettings;

    public DashboardsModule(String displayName, Set<String> imageNames, UpstreamSettings upstreamSettings) {
        super(displayName, imageNames, List.of(5601));
        this.upstreamSettings = upstreamSettings;
    }

    /** The backing cluster: the first setting present among the environment, then the mounted config, else the image default. */
    @Override
    public List<Upstream> upstreams(ContainerView c) {
        for (String name : upstreamSettings.env()) {
            if (c.envValue(name).isPresent()) {
                return named(c.envValue(name).get(), "container " + c.containerName() + " env " + name);
            }
        }
        for (String key : upstreamSettings.configKeys()) {
            String value = configValue(c.mountedConfig(), key);
            if (value != null) {
                return named(value, "mounted config " + key);
            }
        }
        return Upstream.parse(upstreamSettings.imageDefault(), c.imageLabel() + " default " + upstreamSettings.imageDefault()
                + " (no " + String.join(", ", upstreamSettings.env()) + " and no " + String.join(", ", upstreamSettings.configKeys())
                + " in the input)");
    }

    /** A setting that names no address still counts: as the text itself, which no Service resolves (never silently dropped). */
    private static List<Upstream> named(String value, String source) {
        List<Upstream> parsed = Upstream.parse(value, source);
        return parsed.isEmpty() ? List.of(new Upstream(value.isBlank() ? "(empty)" : value.trim(), 0, source)) : parsed;
    }

    /** The value of a top-level dotted key in YAML text, with the list items on the lines after it; null when absent. */
    static String configValue(String yaml, String key) {
        Matcher m = Pattern.compile("^[ \\t]*" + Pattern.quote(key) + "[ \\t]*:[ \\t]*(.*)$", Pattern.MULTILINE).matcher(yaml);
        if (!m.find()) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(m.group(1).replaceAll("\\s+#.*$", "")));
        for (String line : yaml.substring(m.end()).split("\\R")) {
            String t = line.trim();
            if (t.isEmpty() && parts.size() == 1) {
                continue;
            }
            if (!(t.startsWith("-") || t.startsWith("[") || t.startsWith("\"") || t.startsWith("'")) || !line.startsWith(" ")) {
                break;
            }
            parts.add(t.replaceFirst("^-\\s*", ""));
        }
        return String.join(" ", parts);
    }

    @Override
    public boolean ui() {
        return true;
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.DASHBOARDS_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        if (c.envYes("DISABLE_SECURITY_DASHBOARDS_PLUGIN")) {
            return AuthVerdict.off("container " + c.containerName() + " env " + c.describeEnv("DISABLE_SECURITY_DASHBOARDS_PLUGIN"),
                    "remove DISABLE_SECURITY_DASHBOARDS_PLUGIN so Dashboards asks for a login");
        }
        if (Settings.isFalse(c.envValue("XPACK_SECURITY_ENABLED").orElse(null))) {
            return AuthVerdict.off("container " + c.containerName() + " env XPACK_SECURITY_ENABLED=false",
                    "remove XPACK_SECURITY_ENABLED=false so Kibana asks for a login");
        }
        if (c.configMatches("^\\s*xpack\\.security\\.authc\\.providers\\.anonymous")) {
            return AuthVerdict.anonymous(io.exposureguard.core.model.Severity.HIGH,
                    "mounted kibana.yml enables the anonymous login provider",
                    "remove xpack.security.authc.providers.anonymous from kibana.yml");
        }
        return AuthVerdict.unknown(c.imageLabel() + ": login depends on the backing cluster's security",
                "make sure the backing cluster has security enabled");
    }
}
