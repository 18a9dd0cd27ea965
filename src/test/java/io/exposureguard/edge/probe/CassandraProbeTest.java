package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ServerSocketFactory;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cassandra probe against a fake server written from the CQL binary protocol v4 (native_protocol_v4.spec:
 * frame header, STARTUP, READY, AUTHENTICATE, ERROR), not a real Cassandra.
 */
class CassandraProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));

    /** Reads one request frame (header, then its body), records it, answers {@code answer} and hangs up. */
    private static FakeEndpoints.RawServer cassandra(byte[] answer, List<byte[]> requests) throws IOException {
        return new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), connection -> {
            try (connection) {
                connection.setSoTimeout(2000);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                byte[] header = new byte[9];
                in.readFully(header);
                byte[] body = new byte[ByteBuffer.wrap(header, 5, 4).getInt()];
                in.readFully(body);
                requests.add(WireBytes.concat(header, body));
                connection.getOutputStream().write(answer);
                connection.getOutputStream().flush();
            } catch (IOException e) {
                // the client went away: nothing to do
            }
        });
    }

    private ProbeResult probe(byte[] answer) throws IOException {
        try (FakeEndpoints.RawServer server = cassandra(answer, new CopyOnWriteArrayList<>())) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.CASSANDRA, false));
        }
    }

    /** A v4 response frame on stream 0. */
    private static byte[] response(int opcode, byte[] body) {
        return WireBytes.concat(new byte[]{(byte) 0x84, 0, 0, 0, (byte) opcode}, WireBytes.int32(body.length), body);
    }

    private static byte[] string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return WireBytes.concat(new byte[]{(byte) (bytes.length >> 8), (byte) bytes.length}, bytes);
    }

    @Test
    void readyIsOpen() throws Exception {
        ProbeResult result = probe(response(0x02, new byte[0]));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("STARTUP answered READY without authentication (no authenticator)");
    }

    @Test
    void authenticateIsProtectedAndNamesTheAuthenticator() throws Exception {
        ProbeResult result = probe(response(0x03, string("org.apache.cassandra.auth.PasswordAuthenticator")));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("STARTUP answered AUTHENTICATE (org.apache.cassandra.auth.PasswordAuthenticator)");
    }

    @Test
    void theOnlyRequestIsAVersion4StartupWithTheCqlVersion() throws Exception {
        List<byte[]> requests = new CopyOnWriteArrayList<>();
        try (FakeEndpoints.RawServer server = cassandra(response(0x02, new byte[0]), requests)) {
            probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.CASSANDRA, false));
        }

        assertThat(requests).singleElement().satisfies(frame -> {
            ByteBuffer in = ByteBuffer.wrap(frame);
            assertThat(in.get()).as("version: v4 request").isEqualTo((byte) 0x04);
            assertThat(in.get()).as("flags: no compression, no tracing").isZero();
            assertThat(in.getShort()).as("stream").isZero();
            assertThat(in.get()).as("opcode: STARTUP").isEqualTo((byte) 0x01);
            assertThat(in.getInt()).as("length").isEqualTo(frame.length - 9);
            assertThat(in.getShort()).as("one option").isEqualTo((short) 1);
            assertThat(new String(frame, 9 + 2, frame.length - 11, StandardCharsets.US_ASCII)).isEqualTo("\0\u000bCQL_VERSION\0\u00053.0.0");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unsupported protocol version  | 8300000000 0000001c 0000000a 0016 496e76616c6964206f7220756e737570706f72746564 | the server refused the startup
            an ERROR too short for its code  | 8400000000 00000002 0000                                                         | not a Cassandra reply
            AUTHENTICATE without a class     | 8400000003 00000001 00                                                           | not a Cassandra reply
            AUTHENTICATE longer than its body | 8400000003 00000004 00ff4142                                                    | not a Cassandra reply
            another opcode (SUPPORTED)       | 8400000006 00000000                                                              | not a Cassandra reply
            a request frame, not a response  | 0400000002 00000000                                                              | not a Cassandra reply
            another stream                   | 8400070002 00000000                                                              | not a Cassandra reply
            a huge body length               | 8400000002 7fffffff                                                              | reply to STARTUP longer than 65536 bytes
            a negative body length           | 8400000002 ffffffff                                                              | reply to STARTUP longer than 65536 bytes
            a header cut short               | 840000                                                                           | connection closed in the middle of the reply to STARTUP
            a body cut short                 | 8400000003 00000030 0030                                                         | connection closed in the middle of the reply to STARTUP
            nothing at all                   | ''                                                                               | connection closed without a reply to STARTUP
            """)
    void aHostileOrBrokenAnswerIsNoVerdict(String what, String hex, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(FakeEndpoints.hex(hex)), reason);
    }

    @Test
    void anErrorIsNamedWithItsCodeAndMessage() throws Exception {
        ProbeResult result = probe(response(0x00, WireBytes.concat(WireBytes.int32(0x1001), string("Server is overloaded"))));

        assertThat(result.evidence()).isEqualTo("STARTUP answered ERROR 0x1001: Server is overloaded");
    }
}
