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

/** The PostgreSQL probe against real servers: one that trusts every client, one that asks for a SCRAM password. */
class PostgresProbeIT {

    private static final String PURPOSE = "to test the PostgreSQL probe against a real server";
    private static LocalServer trusting;
    private static LocalServer withPassword;

    private final Probes probes = new Probes(ProbeSettings.defaults());

    @BeforeAll
    static void startPostgresTrustingAndWithAPassword() throws Exception {
        Optional<Path> initdb = PostgresServer.initdb();
        if (initdb.isPresent() && Unprivileged.toolsPresent()) {
            trusting = PostgresServer.start(initdb.get(), null);
            withPassword = PostgresServer.start(initdb.get(), "s3cret-for-tests");
        }
    }

    @AfterAll
    static void stopPostgres() {
        LocalServer.stop(trusting, withPassword);
    }

    private static void requirePostgres() {
        InstalledTools.require(PostgresServer.PACKAGE, PURPOSE, "initdb (/usr/lib/postgresql/*/bin)", PostgresServer.initdb());
        Unprivileged.requireTools();
    }

    private ProbeResult probe(int port) {
        return probes.probe(new ProbeTarget("127.0.0.1", port, DatastoreKind.POSTGRESQL, false));
    }

    @Test
    void postgresTrustingEveryClientIsOpen() {
        requirePostgres();

        ProbeResult result = probe(trusting.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("startup as user postgres (database postgres) answered AuthenticationOk without a password");
    }

    @Test
    void postgresWithScramIsProtected() {
        requirePostgres();

        ProbeResult result = probe(withPassword.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("startup as user postgres answered with a request for SASL authentication (SCRAM-SHA-256)");
    }
}
