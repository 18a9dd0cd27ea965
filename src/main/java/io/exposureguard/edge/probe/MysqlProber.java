package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.io.IOException;
import java.util.Optional;

/**
 * MySQL and MariaDB: read the server's handshake, answer it as user {@value MysqlPackets#USER} with an empty
 * authentication response, read the verdict. OK means root has no password (or grants are skipped); ERR 1045
 * (access denied) means a password is required; another ERR (host not allowed, too many connections) or anything
 * unexpected is no verdict. An AuthSwitchRequest to a plugin whose empty-password answer is known
 * ({@code mysql_native_password}, {@code caching_sha2_password}) is answered once, empty; no password is ever sent.
 */
final class MysqlProber implements Prober {

    /** A handshake or an OK/ERR packet is a few hundred bytes; a longer length is not a reply to believe. */
    static final int MAX_PACKET_BYTES = 16 * 1024;
    private static final String CUT = "connection closed in the middle of a packet";

    private final ProbeSettings settings;

    MysqlProber(ProbeSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        boolean greeted = false;
        try (RawConnection connection = RawConnection.open(target, settings)) {
            byte[] first = payload(connection, 0);
            greeted = true;
            MysqlPackets.Greeting greeting = MysqlPackets.greeting(first);
            if (greeting.refusal() != null) {
                return greeting.refusal();
            }
            connection.write(MysqlPackets.response(greeting));
            byte[] reply = payload(connection, 2);
            Optional<ProbeResult> judged = MysqlPackets.judge(reply);
            if (judged.isPresent()) {
                return judged.get();
            }
            return afterMoreAuthentication(connection, reply);
        } catch (NotMysql e) {
            return ProbeResult.unknown(e.getMessage());
        } catch (RawConnection.CutShortException e) {
            return ProbeResult.unknown(greeted ? "connection closed without a reply to the handshake response"
                    : "connection closed without a MySQL handshake");
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** The server asked to switch plugins (answered once, empty, when known) or sent a fast-auth result. */
    private ProbeResult afterMoreAuthentication(RawConnection connection, byte[] reply) throws IOException {
        int next = 3;
        if ((reply[0] & 0xff) == 0xfe) {
            Optional<String> plugin = MysqlPackets.switchedPlugin(reply);
            Optional<byte[]> answer = plugin.flatMap(p -> MysqlPackets.emptyAnswer(p, next));
            if (answer.isEmpty()) {
                return ProbeResult.unknown("the server asked for authentication method " + plugin.orElse("(unnamed)"),
                        "no empty-password answer is known for it");
            }
            connection.write(answer.get());
            reply = payload(connection, next + 1);
        } else if (reply.length == 2 && reply[1] == 3) {
            // caching_sha2_password fast authentication succeeded: the OK packet follows.
            reply = payload(connection, next);
        } else {
            return ProbeResult.unknown("the server asked for more authentication data");
        }
        return MysqlPackets.judge(reply).orElseGet(() -> ProbeResult.unknown("the server asked for more authentication data"));
    }

    /** One packet's payload: a 3-byte little-endian length, the sequence number, the payload. */
    private static byte[] payload(RawConnection connection, int sequence) throws IOException {
        byte[] header;
        try {
            header = connection.readExactly(4);
        } catch (RawConnection.CutShortException e) {
            if (e.start.length == 0) {
                throw e;
            }
            throw new NotMysql(CUT);
        }
        int length = (int) WireBytes.uintLe(header, 0, 3);
        if (length > MAX_PACKET_BYTES) {
            throw new NotMysql("not a MySQL reply (a packet length of " + length + " bytes)");
        }
        if ((header[3] & 0xff) != sequence) {
            throw new NotMysql("not a MySQL reply (packet sequence " + (header[3] & 0xff) + ", expected " + sequence + ")");
        }
        try {
            return connection.readExactly(length);
        } catch (RawConnection.CutShortException e) {
            throw new NotMysql(CUT);
        }
    }

    /** The bytes are not the MySQL protocol; the message is the reason. */
    private static final class NotMysql extends IOException {
        NotMysql(String reason) {
            super(reason);
        }
    }
}
