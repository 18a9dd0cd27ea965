package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** What the memcached probe sends, and how it reads the answers a server (or something else) may give. */
class MemcachedProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));

    private ProbeResult probe(byte[] answer) throws IOException {
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying(answer)) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.MEMCACHED, false));
        }
    }

    /** A binary STAT response: magic 0x81, opcode 0x10, the key and value as its body. */
    private static byte[] stat(int status, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[24];
        header[0] = (byte) 0x81;
        header[1] = 0x10;
        header[2] = (byte) (k.length >> 8);
        header[3] = (byte) k.length;
        header[6] = (byte) (status >> 8);
        header[7] = (byte) status;
        System.arraycopy(WireBytes.int32(k.length + v.length), 0, header, 8, 4);
        return WireBytes.concat(header, k, v);
    }

    @Test
    void statisticsWithoutAuthenticationAreOpenWithTheItemCount() throws Exception {
        ProbeResult result = probe(WireBytes.concat(stat(0, "pid", "42"), stat(0, "curr_items", "17"), stat(0, "total_items", "90"), stat(0, "", "")));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("binary STAT answered without authentication (17 items stored)");
    }

    @Test
    void anAuthenticationErrorIsProtected() throws Exception {
        ProbeResult result = probe(stat(0x20, "", "Auth failure."));

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
    }

    @Test
    void theOnlyRequestIsABinaryStatWithoutAKey() {
        assertThat(HexFormat.of().formatHex(MemcachedProber.STAT)).isEqualTo("8010" + "00".repeat(22));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown-command status       | 810000000000008100000000000000000000000000000000 | not a memcached reply
            another status                  | 811000000000008100000000000000000000000000000000 | unexpected status
            a text-protocol answer          | 4552524f520d0a                                   | not a memcached reply
            a header cut short              | 8110000000                                       | connection closed in the middle of the reply to binary STAT
            a huge body length              | 81100000000000007fffffff0000000000000000000000000000 | reply to binary STAT longer than 65536 bytes
            a negative body length          | 8110000000000000ffffffff0000000000000000000000000000 | reply to binary STAT longer than 65536 bytes
            a key longer than its body      | 8110ff00000000000000000100000000000000000000000041 | not a memcached reply
            a body cut short                | 81100003000000000000000800000000000000000000000070 | connection closed in the middle of the reply to binary STAT
            statistics that never end       | 8110000300000000000000080000000000000000000000007069643132333435 | connection closed in the middle of the reply to binary STAT
            nothing at all                  | ''                                               | connection closed without a reply to binary STAT
            """)
    void aHostileOrBrokenAnswerIsNoVerdict(String what, String hex, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(FakeEndpoints.hex(hex)), reason);
    }

    @Test
    void moreStatisticsThanTheCapIsNoVerdict() throws Exception {
        byte[] one = stat(0, "padding", "x".repeat(1000));
        byte[] many = new byte[0];
        for (int i = 0; i < 70; i++) {
            many = WireBytes.concat(many, one);
        }

        assertThat(probe(many).reason()).isEqualTo("reply to binary STAT longer than 65536 bytes");
    }
}
