package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.testing.InstalledTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis probe against real redis-server processes (without and with a password), and the replies it knows. */
class RedisProbeIT {

    private static final String PURPOSE = "to test the Redis probe against a real server";
    private static RedisServer open;
    private static RedisServer withPassword;

    private final Probes probes = new Probes(ProbeSettings.defaults());

    @BeforeAll
    static void startRedisWithoutAndWithAPassword() throws Exception {
        Optional<Path> binary = InstalledTools.find("redis-server");
        if (binary.isPresent()) {
            open = RedisServer.start(binary.get(), null);
            withPassword = RedisServer.start(binary.get(), "s3cret-for-tests");
        }
    }

    @AfterAll
    static void stopRedis() {
        if (open != null) {
            open.close();
        }
        if (withPassword != null) {
            withPassword.close();
        }
    }

    private ProbeResult probe(int port) {
        return probes.probe(new ProbeTarget("127.0.0.1", port, DatastoreKind.REDIS, false));
    }

    @Test
    void redisWithoutAPasswordIsOpen() {
        InstalledTools.require("redis-server", PURPOSE, "redis-server");

        ProbeResult result = probe(open.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("PING answered +PONG without AUTH");
    }

    @Test
    void redisWithRequirepassIsProtected() {
        InstalledTools.require("redis-server", PURPOSE, "redis-server");

        ProbeResult result = probe(withPassword.port());

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("PING answered -NOAUTH (authentication required)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +PONG                                                          | OPEN
            -NOAUTH Authentication required.                               | PROTECTED
            -WRONGPASS invalid username-password pair or user is disabled. | PROTECTED
            -ERR Client sent AUTH, but no password is set                  | PROTECTED
            -ERR operation not permitted                                   | PROTECTED
            -DENIED Redis is running in protected mode                     | UNKNOWN
            -NOPERM this user has no permissions to run the 'ping' command | UNKNOWN
            -ERR unknown command 'PING'                                    | UNKNOWN
            +OK                                                            | UNKNOWN
            HTTP/1.1 400 Bad Request                                       | UNKNOWN
            """)
    void replyToPingDecidesTheVerdict(String reply, ProbeResult.Verdict verdict) {
        assertThat(RedisProber.judge(reply).verdict()).isEqualTo(verdict);
    }

    @Test
    void protectedModeIsNoVerdictBecauseNoPasswordIsSet() {
        ProbeResult result = RedisProber.judge("-DENIED Redis is running in protected mode because protected mode is enabled");

        assertThat(result.reason()).isEqualTo("Redis protected mode refused the client: no password is set, but only local clients are served");
    }

    @Test
    void redisOverTlsWithAnUntrustedCertificateIsProbedAnyway() throws Exception {
        var tls = FakeEndpoints.untrustedServerContext().getServerSocketFactory();
        try (FakeEndpoints.RawServer server = new FakeEndpoints.RawServer(tls, connection -> {
            try (connection) {
                InputStream in = connection.getInputStream();
                in.readNBytes(RedisProber.PING.length);
                connection.getOutputStream().write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the client went away
            }
        })) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.REDIS, true));

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        }
    }

    @Test
    void thePingIsTheOnlyCommandSent() {
        assertThat(new String(RedisProber.PING, StandardCharsets.US_ASCII)).isEqualTo("*1\r\n$4\r\nPING\r\n");
    }
}
