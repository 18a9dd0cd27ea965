package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import io.exposureguard.testing.InstalledTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The MySQL probe against real MariaDB servers: one that skips grant tables, one whose root has a password. */
class MysqlProbeIT {

    private static final String PURPOSE = "to test the MySQL/MariaDB probe against a real server";
    private static LocalServer skippingGrants;
    private static LocalServer withPassword;

    private final Probes probes = new Probes(ProbeSettings.defaults());

    @BeforeAll
    static void startMariaDbWithoutGrantsAndWithARootPassword() throws Exception {
        Optional<Path> mariadbd = MariaDbServer.mariadbd();
        if (mariadbd.isPresent() && Unprivileged.toolsPresent()) {
            skippingGrants = MariaDbServer.start(mariadbd.get(), null);
            withPassword = MariaDbServer.start(mariadbd.get(), "s3cret-for-tests");
        }
    }

    @AfterAll
    static void stopMariaDb() {
        LocalServer.stop(skippingGrants, withPassword);
    }

    private static void requireMariaDb() {
        InstalledTools.require(MariaDbServer.PACKAGE, PURPOSE, "mariadbd and mariadb-install-db", MariaDbServer.mariadbd());
        Unprivileged.requireTools();
    }

    private ProbeResult probe(int port) {
        return probes.probe(new ProbeTarget("127.0.0.1", port, DatastoreKind.MYSQL, false));
    }

    @Test
    void mariaDbSkippingGrantTablesIsOpen() {
        requireMariaDb();

        ProbeResult result = probe(skippingGrants.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("handshake as user root without a password answered OK");
    }

    @Test
    void mariaDbWithARootPasswordIsProtected() {
        requireMariaDb();

        ProbeResult result = probe(withPassword.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("handshake as user root without a password answered error 1045 (access denied)");
    }
}
