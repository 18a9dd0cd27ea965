package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.exposureguard.core.datastore.UpstreamSource.config;

/**
 * Cerebro, a web admin UI for Elasticsearch. Upstreams: the {@code host = "..."} entries of a mounted application.conf
 * (users can also type any URL its pod reaches). No login unless {@code AUTH_TYPE} is basic or ldap; a host entry's
 * {@code auth = {username, password}} gives it the cluster's credentials.
 */
public final class CerebroModule extends AdminUiModule {

    public CerebroModule() {
        super("Cerebro", Set.of("cerebro"), List.of(9000),
                List.of(config(Pattern.compile("(?<![A-Za-z_.])host\\s*[=:]\\s*\"([^\"]{1,1024})\""), "application.conf hosts")), List.of());
    }

    @Override
    protected List<String> credentials(ContainerView c) {
        List<String> out = new ArrayList<>(super.credentials(c));
        if (c.configMatches("auth\\s*[=:]\\s*\\{[^}]*password")) {
            out.add("mounted application.conf hosts auth");
        }
        return out;
    }

    @Override
    protected Login login(ContainerView c) {
        String type = c.envValue("AUTH_TYPE").map(String::trim).orElse("");
        if (type.equalsIgnoreCase("basic") || type.equalsIgnoreCase("ldap")) {
            return new Login(true, "env AUTH_TYPE=" + type + " asks for a login");
        }
        return Login.none("no AUTH_TYPE basic or ldap: Cerebro asks for no login by default; users can also connect it to any URL its pod reaches");
    }

    @Override
    protected String loginFix() {
        return "set AUTH_TYPE=basic with BASIC_AUTH_USER and BASIC_AUTH_PWD (from a Secret) on Cerebro, or close its entry";
    }
}
