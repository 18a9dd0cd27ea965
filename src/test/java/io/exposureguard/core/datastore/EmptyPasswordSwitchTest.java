package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An "allow an empty password" switch (MYSQL_ALLOW_EMPTY_PASSWORD, Bitnami's ALLOW_EMPTY_PASSWORD) only lets an
 * image start without a password: a password that is also set is used. Env column: {@code NAME=value} literals,
 * {@code NAME<Secret s=value} a key of a Secret in the input, {@code NAME<Secret s} a Secret not in the input. An
 * empty key of a Secret reads like a Secret not in the input (the container view cannot tell them apart), so both
 * are unknown, never "on".
 */
class EmptyPasswordSwitchTest {

    private final DatastoreCatalog catalog = new DatastoreCatalog();

    @ParameterizedTest(name = "{0} env[{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            mysql:5.7.30           | MYSQL_ALLOW_EMPTY_PASSWORD=true;MYSQL_ROOT_PASSWORD<Secret mysql=gen3rated       | ON
            mysql:5.7.30           | MYSQL_ALLOW_EMPTY_PASSWORD=true;MYSQL_ROOT_PASSWORD<Secret mysql                 | UNKNOWN
            mysql:5.7.30           | MYSQL_ALLOW_EMPTY_PASSWORD=true;MYSQL_ROOT_PASSWORD<Secret mysql=                | UNKNOWN
            mysql:5.7.30           | MYSQL_ALLOW_EMPTY_PASSWORD=true;MYSQL_ROOT_PASSWORD=                             | OFF
            mysql:5.7.30           | MYSQL_ALLOW_EMPTY_PASSWORD=true                                                  | OFF
            mysql:8.4              | MYSQL_ALLOW_EMPTY_PASSWORD=yes;MYSQL_RANDOM_ROOT_PASSWORD=yes                    | ON
            mysql:8.4              | MYSQL_ALLOW_EMPTY_PASSWORD=yes;MYSQL_ROOT_PASSWORD_FILE=/run/secrets/root        | UNKNOWN
            mariadb:11             | MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1;MARIADB_ROOT_PASSWORD=x                      | ON
            mariadb:11             | MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1;MARIADB_ROOT_PASSWORD_HASH=*94BDCEBE19083CE2 | ON
            bitnami/mysql:8.4      | ALLOW_EMPTY_PASSWORD=yes;MYSQL_ROOT_PASSWORD<Secret mysql=x                      | ON
            bitnami/mariadb:11.4   | ALLOW_EMPTY_PASSWORD=yes                                                         | OFF
            bitnami/postgresql:16  | ALLOW_EMPTY_PASSWORD=yes;POSTGRESQL_PASSWORD<Secret pg=x                         | ON
            bitnami/postgresql:16  | ALLOW_EMPTY_PASSWORD=yes;POSTGRESQL_PASSWORD<Secret pg                           | UNKNOWN
            bitnami/postgresql:16  | ALLOW_EMPTY_PASSWORD=yes                                                         | OFF
            bitnami/mongodb:7.0    | ALLOW_EMPTY_PASSWORD=yes;MONGODB_ROOT_PASSWORD<Secret mongo=x                    | ON
            bitnami/mongodb:7.0    | ALLOW_EMPTY_PASSWORD=yes                                                         | OFF
            bitnami/redis:7.2      | ALLOW_EMPTY_PASSWORD=yes;REDIS_PASSWORD<Secret redis=x                           | ON
            """)
    void aPasswordThatIsSetWinsOverTheAllowEmptySwitch(String image, String env, AuthState expected) {
        assertThat(verdict(image, env).state()).isEqualTo(expected);
    }

    @Test
    void theVerdictNamesTheSwitchAndWherePasswordComesFromButNotItsValue() {
        AuthVerdict verdict = verdict("mysql:5.7.30", "MYSQL_ALLOW_EMPTY_PASSWORD=true;MYSQL_ROOT_PASSWORD<Secret mysql=gen3rated");

        assertThat(verdict.facts()).singleElement().asString()
                .contains("MYSQL_ALLOW_EMPTY_PASSWORD=true", "MYSQL_ROOT_PASSWORD (from Secret mysql)")
                .doesNotContain("gen3rated");
    }

    @Test
    void aPasswordWhoseContentIsNotInTheInputIsUnknownWithAFix() {
        AuthVerdict verdict = verdict("mysql:5.7.30", "MYSQL_ALLOW_EMPTY_PASSWORD=true;MYSQL_ROOT_PASSWORD<Secret mysql");

        assertThat(verdict.facts()).singleElement().asString().contains("the input does not show");
        assertThat(verdict.fix()).isNotBlank();
    }

    private AuthVerdict verdict(String image, String env) {
        Map<String, EnvValue> vars = new LinkedHashMap<>();
        for (String entry : env.split(";")) {
            int from = entry.indexOf('<');
            if (from < 0) {
                int eq = entry.indexOf('=');
                vars.put(entry.substring(0, eq), EnvValue.literal(entry.substring(eq + 1)));
                continue;
            }
            String source = entry.substring(from + 1);
            int eq = source.indexOf('=');
            vars.put(entry.substring(0, from), eq < 0 ? new EnvValue("", source + ", not in the input", true)
                    : new EnvValue(source.substring(eq + 1), source.substring(0, eq), true));
        }
        ContainerView c = new ContainerView("main", ImageName.parse(image), vars, List.of(), "", List.of());
        return catalog.inspect(catalog.recognize(c, Map.of()).orElseThrow().kind(), c);
    }
}
