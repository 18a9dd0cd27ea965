package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the MySQL probe sends, and how it reads the answers a server (or something else) may give. */
class MysqlProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] OK = HexFormat.of().parseHex("00000002000000");
    private static final byte[] ACCESS_DENIED = err(1045, "28000", "Access denied for user 'root'@'10.0.0.9' (using password: NO)");

    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));
    /** The payloads the fake server received, in order. */
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    /** A MySQL 8 / MariaDB style initial handshake naming {@code plugin}. */
    private static byte[] handshake(String plugin) {
        long capabilities = MysqlPackets.CLIENT_LONG_PASSWORD | MysqlPackets.CLIENT_PROTOCOL_41 | MysqlPackets.CLIENT_SECURE_CONNECTION
                | MysqlPackets.CLIENT_PLUGIN_AUTH;
        return WireBytes.concat(new byte[]{10}, "10.11.19-MariaDB\0".getBytes(StandardCharsets.US_ASCII), WireBytes.le(42, 4),
                "abcdefgh".getBytes(StandardCharsets.US_ASCII), new byte[]{0}, WireBytes.le(capabilities & 0xffff, 2), new byte[]{33},
                WireBytes.le(2, 2), WireBytes.le(capabilities >>> 16, 2), new byte[]{21}, new byte[10],
                "ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII), (plugin + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] err(int code, String state, String message) {
        return WireBytes.concat(new byte[]{(byte) 0xff}, WireBytes.le(code, 2), ("#" + state + message).getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends {@code first} as packet 0, then answers each packet the client sends with the next of {@code replies}. */
    private ProbeResult converse(byte[] first, byte[]... replies) throws IOException {
        try (FakeEndpoints.RawServer server = new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), connection -> {
            try (connection) {
                connection.getOutputStream().write(MysqlPackets.packet(0, first));
                InputStream in = connection.getInputStream();
                for (byte[] reply : replies) {
                    byte[] header = in.readNBytes(4);
                    received.add(in.readNBytes((int) WireBytes.uintLe(header, 0, 3)));
                    connection.getOutputStream().write(MysqlPackets.packet((header[3] & 0xff) + 1, reply));
                }
            } catch (IOException e) {
                // the client went away
            }
        })) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.MYSQL, false));
        }
    }

    /** Sends {@code bytes} at once (a MySQL server speaks first), then closes. */
    private ProbeResult replying(byte[] bytes) throws IOException {
        try (FakeEndpoints.RawServer server = new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), connection -> {
            try (connection) {
                connection.getOutputStream().write(bytes);
            } catch (IOException e) {
                // the client went away
            }
        })) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.MYSQL, false));
        }
    }

    @Test
    void okForRootWithoutAPasswordIsOpen() throws Exception {
        ProbeResult result = converse(handshake("mysql_native_password"), OK);

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("handshake as user root without a password answered OK");
    }

    @Test
    void accessDeniedIsProtected() throws Exception {
        ProbeResult result = converse(handshake("caching_sha2_password"), ACCESS_DENIED);

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("handshake as user root without a password answered error 1045 (access denied)");
    }

    @Test
    void theResponseIsRootWithAnEmptyAuthenticationResponseAndTheServersPlugin() throws Exception {
        converse(handshake("caching_sha2_password"), ACCESS_DENIED);

        byte[] response = received.get(0);
        // capabilities (4), max packet (4), charset (1), 23 zero bytes, then user, auth length, plugin
        String rest = new String(response, 32, response.length - 32, StandardCharsets.ISO_8859_1);
        assertThat(rest).isEqualTo("root\0\0caching_sha2_password\0");
        long capabilities = WireBytes.uintLe(response, 0, 4);
        assertThat(capabilities & 0x8 /* CLIENT_CONNECT_WITH_DB */).isZero();
        assertThat(capabilities & 0x800 /* CLIENT_SSL */).isZero();
    }

    @ParameterizedTest(name = "switch to {0}")
    @CsvSource({"mysql_native_password, ''", "caching_sha2_password, 00"})
    void anAuthSwitchToAKnownPluginIsAnsweredEmptyOnce(String plugin, String answer) throws Exception {
        byte[] switchRequest = WireBytes.concat(new byte[]{(byte) 0xfe}, (plugin + "\0").getBytes(StandardCharsets.US_ASCII),
                "scramble-data-20byte\0".getBytes(StandardCharsets.US_ASCII));

        ProbeResult result = converse(handshake("mysql_native_password"), switchRequest, ACCESS_DENIED);

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(HexFormat.of().formatHex(received.get(1))).isEqualTo(answer == null ? "" : answer);
    }

    @Test
    void anAuthSwitchToAnUnknownPluginIsNoVerdictAndNothingIsAnswered() throws Exception {
        byte[] dialog = WireBytes.concat(new byte[]{(byte) 0xfe}, "dialog\0".getBytes(StandardCharsets.US_ASCII), new byte[]{4});

        ProbeResult result = converse(handshake("mysql_native_password"), dialog);

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        assertThat(result.evidence()).isEqualTo("the server asked for authentication method dialog");
        assertThat(received).hasSize(1);
    }

    @ParameterizedTest(name = "error {0} -> no verdict")
    @CsvSource(delimiter = '|', textBlock = """
            1130 | HY000 | Host '10.0.0.9' is not allowed to connect to this MariaDB server
            1040 | 08004 | Too many connections
            """)
    void anErrorInsteadOfTheHandshakeIsNoVerdictAndSaysWhat(int code, String state, String message) throws Exception {
        ProbeResult result = converse(err(code, state, message));

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        assertThat(result.evidence()).isEqualTo("handshake as user root without a password answered error " + code);
        assertThat(result.reason()).isEqualTo("the server refused the connection before authentication: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a huge packet length              | ffffff00                                     | not a MySQL reply (a packet length of 16777215 bytes)
            a packet out of sequence          | 0100000509                                   | not a MySQL reply (packet sequence 5, expected 0)
            a handshake cut short             | 4a0000000a31302e                             | connection closed in the middle of a packet
            a header cut short                | 4a00                                         | connection closed in the middle of a packet
            protocol 9                        | 01000000 09                                  | not a MySQL handshake
            a handshake without its version end | 050000000a31302e31                         | not a MySQL handshake
            an HTTP answer                    | 485454502f312e3120343030204261642052657175657374 | not a MySQL reply (a packet length of 5526600 bytes)
            nothing at all                    | ''                                           | connection closed without a MySQL handshake
            """)
    void aHostileOrBrokenAnswerIsNoVerdict(String what, String hex, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(replying(FakeEndpoints.hex(hex)), reason);
    }

    /** A MySQL server speaks first, so the shared garbage and hang-up endpoints (which wait to be spoken to) do not fit. */
    @Test
    void garbageIsNoVerdict() throws Exception {
        assertThat(replying(FakeEndpoints.garbage()).reason()).isEqualTo("not a MySQL reply (a packet length of 8355711 bytes)");
    }

    @Test
    void aServerThatHangsUpAfterTheResponseIsNoVerdict() throws Exception {
        ProbeResult result = converse(handshake("mysql_native_password"));

        assertThat(result.reason()).isEqualTo("connection closed without a reply to the handshake response");
    }

    @Test
    void aReplyThatIsNeitherOkNorErrorIsNoVerdict() throws Exception {
        ProbeResult result = converse(handshake("mysql_native_password"), new byte[]{0x42, 1, 2});

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        assertThat(result.reason()).isEqualTo("not a MySQL reply");
    }
}
