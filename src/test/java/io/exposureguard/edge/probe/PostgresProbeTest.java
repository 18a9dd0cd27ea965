package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** What the PostgreSQL probe sends, and how it reads the answers a server (or something else) may give. */
class PostgresProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));

    private ProbeResult probe(byte[] answer) throws IOException {
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying(answer)) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.POSTGRESQL, false));
        }
    }

    /** A backend message: type, length (counting itself), body. */
    private static byte[] message(char type, byte[] body) {
        return WireBytes.concat(new byte[]{(byte) type}, WireBytes.int32(4 + body.length), body);
    }

    private static byte[] auth(int code, String rest) {
        return message('R', WireBytes.concat(WireBytes.int32(code), rest.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest(name = "authentication request {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0  | OPEN      | startup as user postgres (database postgres) answered AuthenticationOk without a password
            3  | PROTECTED | startup as user postgres answered with a request for a cleartext password
            5  | PROTECTED | startup as user postgres answered with a request for an MD5 password
            7  | PROTECTED | startup as user postgres answered with a request for GSSAPI authentication
            9  | PROTECTED | startup as user postgres answered with a request for SSPI authentication
            2  | PROTECTED | startup as user postgres answered with a request for Kerberos V5 authentication
            12 | UNKNOWN   | startup as user postgres answered authentication request 12
            """)
    void theAuthenticationRequestDecidesTheVerdict(int code, ProbeResult.Verdict verdict, String evidence) throws Exception {
        ProbeResult result = probe(auth(code, code == 5 ? "salt" : ""));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(verdict);
        assertThat(result.evidence()).isEqualTo(evidence);
    }

    @Test
    void aSaslRequestNamesItsMechanisms() throws Exception {
        ProbeResult result = probe(auth(10, "SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0"));

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("startup as user postgres answered with a request for SASL authentication (SCRAM-SHA-256-PLUS, SCRAM-SHA-256)");
    }

    @Test
    void anErrorBeforeAuthenticationIsNoVerdictAndSaysWhat() throws Exception {
        byte[] fields = "SFATAL\0C28000\0Mno pg_hba.conf entry for host \"10.0.0.9\", user \"postgres\", database \"postgres\", no encryption\0\0"
                .getBytes(StandardCharsets.UTF_8);

        ProbeResult result = probe(message('E', fields));

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        assertThat(result.evidence()).isEqualTo("startup as user postgres answered an error (SQLSTATE 28000)");
        assertThat(result.reason()).startsWith("the server refused the connection before authentication: no pg_hba.conf entry for host");
    }

    @Test
    void theProbeSendsOnlyAStartupMessageWithoutAPasswordAndTerminatesWhenLetIn() throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int expected = PostgresProber.startup().length + PostgresProber.TERMINATE.length;
        try (FakeEndpoints.RawServer server = new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), connection -> {
            try (connection) {
                byte[] length = connection.getInputStream().readNBytes(4);
                byte[] rest = connection.getInputStream().readNBytes(WireBytes.int32(length, 0) - 4);
                connection.getOutputStream().write(auth(0, ""));
                connection.getOutputStream().write(message('Z', new byte[]{'I'}));
                byte[] after = connection.getInputStream().readAllBytes();
                synchronized (seen) {
                    seen.writeBytes(WireBytes.concat(length, rest, after));
                }
            } catch (IOException e) {
                // the client went away
            }
        })) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.POSTGRESQL, false));
            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.OPEN);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (seen) {
                    return seen.size() >= expected;
                }
            });
        }

        assertThat(HexFormat.of().formatHex(seen.toByteArray()))
                .isEqualTo(HexFormat.of().formatHex(WireBytes.concat(PostgresProber.startup(), PostgresProber.TERMINATE)));
        assertThat(new String(PostgresProber.startup(), StandardCharsets.US_ASCII))
                .isEqualTo("\0\0\0O\0\3\0\0user\0postgres\0database\0postgres\0application_name\0exposure-guard-probe\0\0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an HTTP answer                       | 485454502f312e3120343030204261642052657175657374 | not a PostgreSQL reply
            a huge length                        | 527fffffff00000000                               | not a PostgreSQL reply (a message length of 2147483647 bytes)
            a negative length                    | 52ffffff9c                                       | not a PostgreSQL reply (a message length of -100 bytes)
            a length too short for its code      | 520000000600                                     | connection closed in the middle of the reply to the startup message
            a message cut short                  | 52000000080000                                   | connection closed in the middle of the reply to the startup message
            an AuthenticationOk with extra bytes | 520000000c0000000000000000                       | not a PostgreSQL reply
            an error without fields              | 450000000500                                     | not a PostgreSQL reply
            an error field never terminated      | 450000000843323830                               | not a PostgreSQL reply
            nothing at all                       | ''                                               | connection closed without a reply to the startup message
            """)
    void aHostileOrBrokenAnswerIsNoVerdict(String what, String hex, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(FakeEndpoints.hex(hex)), reason);
    }

    @Test
    void garbageIsNoVerdict() throws Exception {
        assertThat(probe(FakeEndpoints.garbage()).reason()).isEqualTo("not a PostgreSQL reply");
    }
}
