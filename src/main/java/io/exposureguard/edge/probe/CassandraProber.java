package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.nio.ByteBuffer;

/**
 * Cassandra: one CQL native protocol v4 {@code STARTUP} ({@code CQL_VERSION 3.0.0}, no compression) and the first
 * frame of the answer. {@code READY} means the server needs no authentication (AllowAllAuthenticator: any client may
 * run queries); {@code AUTHENTICATE} means an authenticator asks for credentials (its class is named); an
 * {@code ERROR} (unsupported protocol version, overloaded) is no verdict. Nothing is sent after the answer: no
 * credentials, no query. Frames: a 9-byte header (version, flags, stream, opcode, length) and a body
 * (native_protocol_v4.spec in the Cassandra sources).
 */
final class CassandraProber implements Prober {

    static final int VERSION_4 = 0x04;
    static final int RESPONSE = 0x80;
    static final int OPCODE_ERROR = 0x00;
    static final int OPCODE_STARTUP = 0x01;
    static final int OPCODE_READY = 0x02;
    static final int OPCODE_AUTHENTICATE = 0x03;
    static final int HEADER_BYTES = 9;
    /** READY is empty, AUTHENTICATE and ERROR a class name or a message; more than this is not an answer to believe. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final byte[] STARTUP = startup();

    private static final String ASKED = "STARTUP";

    private final ProbeSettings settings;

    CassandraProber(ProbeSettings settings) {
        this.settings = settings;
    }

    /** A v4 request frame, stream 0, whose body is the string map {CQL_VERSION: 3.0.0}. */
    private static byte[] startup() {
        // [string map]: the number of entries (1), then each key and value as a [string].
        byte[] body = WireBytes.concat(new byte[]{0, 1}, WireBytes.shortString("CQL_VERSION"), WireBytes.shortString("3.0.0"));
        return WireBytes.concat(new byte[]{VERSION_4, 0, 0, 0, OPCODE_STARTUP}, WireBytes.int32(body.length), body);
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        boolean answered = false;
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(STARTUP);
            byte[] header = connection.readExactly(HEADER_BYTES);
            answered = true;
            int version = header[0] & 0xff;
            int stream = (header[2] & 0xff) << 8 | header[3] & 0xff;
            int length = WireBytes.int32(header, 5);
            if ((version & RESPONSE) == 0 || (version & 0x7f) < 1 || (version & 0x7f) > 5 || stream != 0) {
                return ProbeResult.unknown("not a Cassandra reply");
            }
            if (length < 0 || length > MAX_BODY_BYTES) {
                return ProbeResult.unknown("reply to " + ASKED + " longer than " + MAX_BODY_BYTES + " bytes");
            }
            return judge(header[4] & 0xff, connection.readExactly(length));
        } catch (RawConnection.CutShortException e) {
            return ProbeResult.unknown(answered || e.start.length > 0 ? "connection closed in the middle of the reply to " + ASKED
                    : "connection closed without a reply to " + ASKED);
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** The answer's opcode and body. */
    static ProbeResult judge(int opcode, byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        return switch (opcode) {
            case OPCODE_READY -> ProbeResult.open(ASKED + " answered READY without authentication (no authenticator)");
            case OPCODE_AUTHENTICATE -> {
                String authenticator = WireBytes.readShortString(in);
                yield authenticator == null ? ProbeResult.unknown("not a Cassandra reply")
                        : ProbeResult.protectedBy(ASKED + " answered AUTHENTICATE (" + Failures.printable(authenticator) + ")");
            }
            case OPCODE_ERROR -> {
                if (in.remaining() < 4) {
                    yield ProbeResult.unknown("not a Cassandra reply");
                }
                int code = in.getInt();
                String message = WireBytes.readShortString(in);
                yield ProbeResult.unknown(ASKED + " answered ERROR 0x" + String.format(java.util.Locale.ROOT, "%04x", code)
                        + (message == null ? "" : ": " + Failures.printable(message)), "the server refused the startup");
            }
            default -> ProbeResult.unknown("not a Cassandra reply");
        };
    }

}
