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
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ZooKeeper probe against a fake server written from the client protocol's records (zookeeper.jute:
 * ConnectRequest/ConnectResponse, RequestHeader, ReplyHeader, GetChildrenRequest/GetChildrenResponse), not a real one.
 */
class ZooKeeperProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));

    /**
     * A fake ZooKeeper: reads each length-prefixed request, answers the ConnectRequest with {@code connectResponse}
     * and the next request with {@code reply} (after an empty or cut-short answer it hangs up), and records every request it read.
     */
    private static final class FakeZooKeeper implements AutoCloseable {
        final List<byte[]> requests = new CopyOnWriteArrayList<>();
        final FakeEndpoints.RawServer server;

        FakeZooKeeper(byte[] connectResponse, byte[] reply) throws IOException {
            server = new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), connection -> talk(connection, connectResponse, reply));
        }

        private void talk(Socket connection, byte[] connectResponse, byte[] reply) {
            try (connection) {
                connection.setSoTimeout(2000);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                for (byte[] answer : new byte[][]{connectResponse, reply, null}) {
                    byte[] request = new byte[in.readInt()];
                    in.readFully(request);
                    requests.add(request);
                    if (answer == null || answer.length == 0) {
                        return;
                    }
                    out.write(answer);
                    out.flush();
                    if (answer.length < 4 || WireBytes.int32(answer, 0) != answer.length - 4) {
                        return; // a reply cut short: the server hangs up after it
                    }
                }
            } catch (IOException e) {
                // the client went away: nothing to do
            }
        }

        ProbeResult probe(Probes probes) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ZOOKEEPER, false));
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static byte[] framed(ByteBuffer record) {
        byte[] body = java.util.Arrays.copyOf(record.array(), record.position());
        return WireBytes.concat(WireBytes.int32(body.length), body);
    }

    /** ConnectResponse: protocolVersion 0, the negotiated timeout, the session id, a 16-byte password, readOnly false. */
    private static byte[] session(int timeout, long sessionId) {
        return framed(ByteBuffer.allocate(64).putInt(0).putInt(timeout).putLong(sessionId).putInt(16).put(new byte[16]).put((byte) 0));
    }

    /** ReplyHeader (xid, zxid, err), then for err 0 the children's names as a jute vector of strings. */
    private static byte[] reply(int xid, int error, String... children) {
        ByteBuffer record = ByteBuffer.allocate(4096).putInt(xid).putLong(0x1f).putInt(error);
        if (error == 0) {
            record.putInt(children.length);
            for (String child : children) {
                byte[] name = child.getBytes(StandardCharsets.UTF_8);
                record.putInt(name.length).put(name);
            }
        }
        return framed(record);
    }

    private static final byte[] SESSION = session(4000, 0x1000_0000_0000_0001L);

    @Test
    void childrenListedWithoutAuthenticationAreOpenWithTheirCountOnly() throws Exception {
        try (FakeZooKeeper zk = new FakeZooKeeper(SESSION, reply(1, 0, "zookeeper", "brokers", "config"))) {
            ProbeResult result = zk.probe(probes);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).isEqualTo("session opened without authentication; getChildren / answered with 3 znodes");
            assertThat(result.summary()).doesNotContain("brokers");
        }
    }

    @Test
    void theProbeOpensASessionWithoutAuthenticationAsksForTheChildrenOfTheRootWithoutAWatchAndClosesTheSession() throws Exception {
        try (FakeZooKeeper zk = new FakeZooKeeper(SESSION, reply(1, 0))) {
            zk.probe(probes);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(zk.requests).hasSize(3));

            ByteBuffer connect = ByteBuffer.wrap(zk.requests.get(0));
            assertThat(connect.getInt()).as("protocolVersion").isZero();
            assertThat(connect.getLong()).as("lastZxidSeen").isZero();
            assertThat(connect.getInt()).as("timeOut").isEqualTo(4000);
            assertThat(connect.getLong()).as("sessionId: a new session").isZero();
            assertThat(connect.getInt()).as("password length").isEqualTo(16);
            ByteBuffer getChildren = ByteBuffer.wrap(zk.requests.get(1));
            assertThat(getChildren.getInt()).as("xid").isEqualTo(1);
            assertThat(getChildren.getInt()).as("type: getChildren, not an auth packet (100)").isEqualTo(8);
            assertThat(getChildren.getInt()).as("path length").isEqualTo(1);
            assertThat((char) getChildren.get()).as("path").isEqualTo('/');
            assertThat(getChildren.get()).as("watch").isZero();
            assertThat(getChildren.hasRemaining()).isFalse();
            ByteBuffer close = ByteBuffer.wrap(zk.requests.get(2));
            assertThat(close.getInt()).as("xid").isEqualTo(2);
            assertThat(close.getInt()).as("type: closeSession").isEqualTo(-11);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an ACL on / (NOAUTH)          | -102 | getChildren / answered NOAUTH: an ACL on / refuses unauthenticated clients (other znodes have ACLs of their own)
            SASL required for a session   | -124 | getChildren / answered SESSIONCLOSEDREQUIRESASLAUTH (the server requires SASL authentication)
            """)
    void aServerThatRefusesUnauthenticatedReadsIsProtected(String what, int error, String evidence) throws Exception {
        try (FakeZooKeeper zk = new FakeZooKeeper(SESSION, reply(1, error))) {
            ProbeResult result = zk.probe(probes);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo(evidence);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another error (NONODE)                 | 00000010 00000001 000000000000001f ffffff9b                 | unexpected error
            a reply to another request             | 00000014 00000007 000000000000001f 00000000 00000000        | not a ZooKeeper reply to getChildren /
            more children than the reply can hold  | 00000018 00000001 000000000000001f 00000000 00000002 00000000 | not a ZooKeeper reply to getChildren /
            a negative number of children          | 00000014 00000001 000000000000001f 00000000 ffffffff        | not a ZooKeeper reply to getChildren /
            a reply shorter than its header        | 00000008 00000001 00000000                                  | not a ZooKeeper reply to getChildren /
            a huge reply length                    | 7fffffff 00000001                                           | reply to getChildren / longer than 1048576 bytes
            a reply cut short                      | 00000014 00000001 0000                                      | connection closed in the middle of the reply to getChildren /
            no reply                               | ''                                                          | connection closed without a reply to getChildren /
            """)
    void aBrokenReplyToGetChildrenIsNoVerdict(String what, String hex, String reason) throws Exception {
        try (FakeZooKeeper zk = new FakeZooKeeper(SESSION, FakeEndpoints.hex(hex))) {
            FakeEndpoints.assertNoVerdict(zk.probe(probes), reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a session refused (timeout 0, session 0)  | 00000024 00000000 00000000 0000000000000000 00000010 00000000000000000000000000000000 | ZooKeeper refused the session
            another protocol version                  | 00000024 00000001 00000fa0 0000000000000001 00000010 00000000000000000000000000000000 | not a ZooKeeper reply
            a password longer than the response       | 00000024 00000000 00000fa0 0000000000000001 00000100 00000000000000000000000000000000 | not a ZooKeeper reply
            a response too short to be one            | 00000010 00000000 00000fa0 0000000000000001                                     | not a ZooKeeper reply
            a response too long to be one             | 00010000 00000000                                                               | not a ZooKeeper reply
            a response cut short                      | 00000024 00000000 00000fa0                                                      | connection closed in the middle of the reply to the session request
            """)
    void aBrokenSessionResponseIsNoVerdict(String what, String hex, String reason) throws Exception {
        try (FakeZooKeeper zk = new FakeZooKeeper(FakeEndpoints.hex(hex), reply(1, 0))) {
            FakeEndpoints.assertNoVerdict(zk.probe(probes), reason);
        }
    }

    @Test
    void aServerThatHangsUpOnTheSessionRequestIsNoVerdict() throws Exception {
        try (FakeEndpoints.RawServer hangUp = FakeEndpoints.replying(new byte[0])) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", hangUp.port(), DatastoreKind.ZOOKEEPER, false));

            FakeEndpoints.assertNoVerdict(result, "connection closed without a reply to the session request");
        }
    }

    @Test
    void aFourLetterWordAnswerIsNotAZooKeeperReply() throws Exception {
        // What a ZooKeeper answers to "srvr" begins "Zook": as a length that is far above any ConnectResponse.
        byte[] srvr = "Zookeeper version: 3.9.2\nMode: standalone\n".getBytes(StandardCharsets.US_ASCII);
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying(srvr)) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ZOOKEEPER, false));

            FakeEndpoints.assertNoVerdict(result, "not a ZooKeeper reply");
        }
    }
}
