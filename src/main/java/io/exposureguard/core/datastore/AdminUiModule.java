package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An admin UI that reads and writes a datastore on its users' behalf (mongo-express, redis-commander, Kafka UI, ...).
 * Whoever reaches the UI reaches the data as far as the UI can, so its own login is what counts:
 * <ul>
 *   <li>a login of its own configured: ON, whatever the datastore behind it does;</li>
 *   <li>no login, and the UI holds the datastore's credentials (env, a URL with user:password, mounted config):
 *       OFF, however well the datastore is protected, since the UI logs in for everyone;</li>
 *   <li>no login and no credentials: UNKNOWN on its own; the path through it then takes the datastore's verdict
 *       (an open datastore is open through the UI, one that asks for credentials the UI does not have is not).</li>
 * </ul>
 * A UI whose login form takes the datastore's own credentials (phpMyAdmin, Adminer) overrides {@link #ownLogin}: it is
 * as open as the datastore. Subclasses declare where they read their upstreams ({@link UpstreamSource}s, in order of
 * precedence), how their login reads, and which settings carry credentials. Pure and stateless.
 */
public abstract class AdminUiModule extends DatastoreModule {

    /** A URL with credentials in it: {@code mongodb://user:secret@host}. */
    private static final Pattern USERINFO = Pattern.compile("://[^/@\\s:]+:[^/@\\s]+@");

    /** Whether the UI asks its users to log in, and the fact that says so. */
    protected record Login(boolean required, String fact) {

        static Login none(String fact) {
            return new Login(false, fact);
        }
    }

    private final List<UpstreamSource> sources;
    private final List<String> credentialEnv;

    /**
     * @param sources       where it reads the datastore addresses, in order of precedence
     * @param credentialEnv environment variables that give it the datastore's credentials; any upstream variable
     *                      holding a URL with user:password counts too
     */
    protected AdminUiModule(String displayName, Set<String> imageNames, List<Integer> ports, List<UpstreamSource> sources,
                            List<String> credentialEnv) {
        super(displayName, imageNames, ports);
        this.sources = List.copyOf(sources);
        this.credentialEnv = List.copyOf(credentialEnv);
    }

    @Override
    public final boolean ui() {
        return true;
    }

    /** Its login is its own, not the datastore's: a login it asks for stands in front of the data. */
    @Override
    public boolean ownLogin() {
        return true;
    }

    @Override
    public List<Upstream> upstreams(ContainerView c) {
        return UpstreamSource.first(sources, c);
    }

    /** How the UI's own login reads from the container. */
    protected abstract Login login(ContainerView c);

    /** How to turn its login on, as the fix says it. */
    protected abstract String loginFix();

    /** The settings through which the UI holds the datastore's credentials (facts), empty when none is in the input. */
    protected List<String> credentials(ContainerView c) {
        List<String> out = new ArrayList<>();
        for (String name : credentialEnv) {
            if (c.envSet(name)) {
                out.add("env " + name);
            }
        }
        for (String name : c.env().keySet()) {
            if (c.envValue(name).map(v -> USERINFO.matcher(v).find()).orElse(false) && !out.contains("env " + name)) {
                out.add("env " + name + " (a URL with user:password)");
            }
        }
        return out;
    }

    @Override
    public final AuthVerdict inspect(ContainerView c) {
        Login login = login(c);
        String label = displayName() + " container " + c.containerName();
        if (login.required()) {
            return AuthVerdict.on(label + ": " + login.fact());
        }
        List<String> credentials = credentials(c);
        if (!credentials.isEmpty()) {
            return AuthVerdict.off(label + ": " + login.fact() + ", and it connects to its datastore with the credentials in "
                    + String.join(", ", credentials) + ", so anyone who reaches it reads and writes the data", loginFix());
        }
        return AuthVerdict.unknown(label + ": " + login.fact() + "; it holds no credentials of its datastore in the input,"
                + " so it reaches what the datastore serves without them", loginFix());
    }
}
