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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka probe against a fake broker written from the Kafka protocol guide (request header v1, response header v0,
 * ApiVersions v0, Metadata v4, SaslHandshake v1), not a real Kafka. A PLAINTEXT listener answers all three; a SASL
 * listener answers ApiVersions and SaslHandshake and, as Kafka's SASL authenticator does, closes the connection on any
 * other request before authentication.
 */
class KafkaProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));

    /** A request as the fake read it: api key, version, and the body after the client id. */
    record Request(short apiKey, short version, int correlationId, String clientId, byte[] body) {
    }

    /**
     * Answers each request whose api key is in {@code bodies} with a response (its correlation id, then that body),
     * and hangs up on any other; records every request.
     */
    private static FakeEndpoints.RawServer broker(Map<Short, byte[]> bodies, List<Request> seen) throws IOException {
        return new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), connection -> {
            try (connection) {
                connection.setSoTimeout(2000);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                while (true) {
                    byte[] frame = new byte[in.readInt()];
                    in.readFully(frame);
                    ByteBuffer r = ByteBuffer.wrap(frame);
                    short key = r.getShort();
                    short version = r.getShort();
                    int correlation = r.getInt();
                    byte[] client = new byte[r.getShort()];
                    r.get(client);
                    byte[] body = new byte[r.remaining()];
                    r.get(body);
                    seen.add(new Request(key, version, correlation, new String(client, StandardCharsets.UTF_8), body));
                    byte[] answer = bodies.get(key);
                    if (answer == null) {
                        return;
                    }
                    connection.getOutputStream().write(WireBytes.concat(WireBytes.int32(4 + answer.length), WireBytes.int32(correlation), answer));
                    connection.getOutputStream().flush();
                }
            } catch (IOException e) {
                // the client went away, or hung up after its verdict
            }
        });
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(4096);
    }

    private static byte[] done(ByteBuffer b) {
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static void string(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) bytes.length).put(bytes);
    }

    /** ApiVersions v0: no error, then (key, min, max) for Metadata, SaslHandshake and ApiVersions. */
    private static byte[] apiVersions(int metadataMin, int metadataMax) {
        return done(buffer().putShort((short) 0).putInt(3)
                .putShort((short) 3).putShort((short) metadataMin).putShort((short) metadataMax)
                .putShort((short) 17).putShort((short) 0).putShort((short) 1)
                .putShort((short) 18).putShort((short) 0).putShort((short) 4));
    }

    /** Metadata v4: throttle, {@code brokers} brokers (one with a rack), cluster id, controller, {@code topics} topics. */
    private static byte[] metadata(int brokers, String... topics) {
        ByteBuffer b = buffer().putInt(0).putInt(brokers);
        for (int i = 0; i < brokers; i++) {
            b.putInt(i);
            string(b, "kafka-" + i + ".kafka-headless.shop.svc");
            b.putInt(9092);
            if (i == 0) {
                string(b, "zone-a");
            } else {
                b.putShort((short) -1);
            }
        }
        string(b, "Mk3OEYBSD34fcwNTJENDM2Qk");
        b.putInt(0).putInt(topics.length);
        for (String topic : topics) {
            b.putShort((short) 0);
            string(b, topic);
            b.put((byte) 0).putInt(0);
        }
        return done(b);
    }

    private static byte[] saslHandshake(int error, String... mechanisms) {
        ByteBuffer b = buffer().putShort((short) error).putInt(mechanisms.length);
        for (String m : mechanisms) {
            string(b, m);
        }
        return done(b);
    }

    private ProbeResult probe(Map<Short, byte[]> bodies) throws IOException {
        return probe(bodies, new CopyOnWriteArrayList<>());
    }

    private ProbeResult probe(Map<Short, byte[]> bodies, List<Request> seen) throws IOException {
        try (FakeEndpoints.RawServer server = broker(bodies, seen)) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.KAFKA, false));
        }
    }

    @Test
    void aPlaintextListenerServingMetadataIsOpenWithCountsOnly() throws Exception {
        ProbeResult result = probe(Map.of((short) 18, apiVersions(0, 12), (short) 3, metadata(3, "orders", "payments")));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("Metadata answered without SASL: 3 brokers, 2 topics visible");
        assertThat(result.summary()).doesNotContain("orders", "kafka-0");
    }

    @Test
    void theRequestsAreApiVersionsThenMetadataForAllTopicsWithoutCreatingAny() throws Exception {
        List<Request> seen = new CopyOnWriteArrayList<>();
        probe(Map.of((short) 18, apiVersions(0, 12), (short) 3, metadata(1)), seen);

        assertThat(seen).extracting(Request::apiKey, Request::version, Request::correlationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple((short) 18, (short) 0, 1), org.assertj.core.groups.Tuple.tuple((short) 3, (short) 4, 2));
        assertThat(seen).allSatisfy(r -> assertThat(r.clientId()).isEqualTo("exposure-guard-probe"));
        assertThat(seen.get(0).body()).isEmpty();
        assertThat(seen.get(1).body()).as("topics null (all), allow_auto_topic_creation false").containsExactly(-1, -1, -1, -1, 0);
    }

    @Test
    void aSaslListenerIsProtectedWithItsMechanismsAndNoCredentialsAreSent() throws Exception {
        List<Request> seen = new CopyOnWriteArrayList<>();
        ProbeResult result = probe(Map.of((short) 18, apiVersions(0, 12), (short) 17, saslHandshake(0, "SCRAM-SHA-512", "PLAIN")), seen);

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("ApiVersions answered; the broker closed the connection on Metadata; SaslHandshake answered"
                + " with the mechanisms SCRAM-SHA-512, PLAIN (a SASL listener: credentials required)");
        assertThat(seen).extracting(Request::apiKey).containsExactly((short) 18, (short) 3, (short) 17);
        assertThat(new String(seen.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("\0\u0005PLAIN");
    }

    @Test
    void aSaslListenerWithoutPlainStillNamesItsMechanisms() throws Exception {
        ProbeResult result = probe(Map.of((short) 18, apiVersions(0, 12), (short) 17, saslHandshake(33, "GSSAPI")));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).contains("the mechanisms GSSAPI");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a broker without Metadata v4 (before 0.11)  | 0 | 3  | the broker does not serve Metadata v4
            a broker past Metadata v4                   | 5 | 12 | the broker does not serve Metadata v4
            """)
    void aBrokerThatCannotAnswerMetadataV4IsNoVerdict(String what, int min, int max, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(Map.of((short) 18, apiVersions(min, max))), reason);
    }

    @Test
    void aClosedMetadataConnectionWithoutASaslListenerIsNoVerdict() throws Exception {
        ProbeResult result = probe(Map.of((short) 18, apiVersions(0, 12), (short) 17, saslHandshake(34)));

        FakeEndpoints.assertNoVerdict(result, "no SASL listener, and no metadata");
    }

    @Test
    void aSaslHandshakeAnswerTooShortForItsErrorCodeIsNoVerdict() throws Exception {
        ProbeResult result = probe(Map.of((short) 18, apiVersions(0, 12), (short) 17, new byte[]{0}));

        FakeEndpoints.assertNoVerdict(result, "not a Kafka reply to SaslHandshake");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an ApiVersions error                 | 0023 00000000                                 | not a Kafka reply
            more api keys than the reply holds   | 0000 00000010 0003 0000 000c                  | not a Kafka reply
            ApiVersions cut short                | 00                                            | not a Kafka reply
            """)
    void aBrokenApiVersionsAnswerIsNoVerdict(String what, String hex, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(Map.of((short) 18, FakeEndpoints.hex(hex))), reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            more brokers than the reply holds    | 00000000 7fffffff                                    | not a Kafka reply to Metadata
            a host longer than the reply         | 00000000 00000001 00000000 7fff 000000000000         | not a Kafka reply to Metadata (or more than 65536 bytes before the topics)
            a negative host length               | 00000000 00000001 00000000 ffff 00002384 ffff        | not a Kafka reply to Metadata (or more than 65536 bytes before the topics)
            a negative topic count               | 00000000 00000000 ffff 00000000 ffffffff             | not a Kafka reply to Metadata
            no topic count                       | 00000000 00000000 ffff                               | not a Kafka reply to Metadata (or more than 65536 bytes before the topics)
            """)
    void aBrokenMetadataAnswerIsNoVerdict(String what, String hex, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(Map.of((short) 18, apiVersions(0, 12), (short) 3, FakeEndpoints.hex(hex))), reason);
    }

    @Test
    void anAnswerToAnotherCorrelationIdIsNotAKafkaReply() throws Exception {
        byte[] wrong = WireBytes.concat(WireBytes.int32(10), WireBytes.int32(99), apiVersions(0, 12));
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying(wrong)) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.KAFKA, false));

            FakeEndpoints.assertNoVerdict(result, "not a Kafka reply");
        }
    }

    @Test
    void aHugeFrameSizeIsNotAKafkaReply() throws Exception {
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying(FakeEndpoints.hex("7fffffff00000001"))) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.KAFKA, false));

            FakeEndpoints.assertNoVerdict(result, "not a Kafka reply");
        }
    }
}
