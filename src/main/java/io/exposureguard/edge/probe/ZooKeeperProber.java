package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.nio.ByteBuffer;

/**
 * ZooKeeper: the client protocol's own first steps, without any authentication packet. A session is opened
 * ({@code ConnectRequest}), the children of {@code /} are asked for ({@code getChildren}, no watch), and the session is
 * closed. Children listed mean any client may read the tree; {@code NOAUTH} means an ACL on {@code /} refuses
 * unauthenticated clients; {@code SESSIONCLOSEDREQUIRESASLAUTH} means the server requires SASL. Only the number of
 * children is read, never their names. The four-letter word {@code srvr} is not used: it answers whether
 * authentication is on or off, so it cannot tell the two apart.
 *
 * <p>Every message is a 4-byte big-endian length and a jute record (zookeeper.jute in the ZooKeeper sources).
 */
final class ZooKeeperProber implements Prober {

    static final int OP_GET_CHILDREN = 8;
    static final int OP_CLOSE_SESSION = -11;
    static final int NOAUTH = -102;
    static final int SESSION_CLOSED_REQUIRE_SASL_AUTH = -124;
    /** The session timeout asked for, in ms (servers clamp it to 2 to 20 ticks). */
    static final int SESSION_TIMEOUT_MS = 4000;
    /** A ConnectResponse is 36 bytes (37 with the read-only flag); more than this is not one. */
    static final int MAX_CONNECT_RESPONSE_BYTES = 64;
    /** ZooKeeper refuses messages above jute.maxbuffer (1 MiB by default); a longer length is not a reply to believe. */
    static final int MAX_REPLY_BYTES = 1024 * 1024;
    /** Of the getChildren reply only the header (xid, zxid, error) and the number of children are read. */
    private static final int REPLY_HEAD_BYTES = 20;

    static final byte[] CONNECT = frame(ByteBuffer.allocate(45)
            .putInt(0)                  // protocolVersion
            .putLong(0)                 // lastZxidSeen
            .putInt(SESSION_TIMEOUT_MS) // timeOut
            .putLong(0)                 // sessionId: a new session
            .putInt(16).put(new byte[16]) // passwd: the empty session password of a new session
            .put((byte) 0));            // readOnly: false
    static final byte[] GET_CHILDREN = frame(ByteBuffer.allocate(14)
            .putInt(1).putInt(OP_GET_CHILDREN) // xid 1, getChildren
            .putInt(1).put((byte) '/')         // path "/"
            .put((byte) 0));                   // watch: false
    static final byte[] CLOSE_SESSION = frame(ByteBuffer.allocate(8).putInt(2).putInt(OP_CLOSE_SESSION));

    private static final String ASKED = "getChildren /";

    private final ProbeSettings settings;

    ZooKeeperProber(ProbeSettings settings) {
        this.settings = settings;
    }

    private static byte[] frame(ByteBuffer record) {
        return WireBytes.concat(WireBytes.int32(record.position()), record.array());
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String step = "the session request";
        boolean answered = false;
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(CONNECT);
            byte[] length = connection.readExactly(4);
            answered = true;
            int connectLength = WireBytes.int32(length, 0);
            if (connectLength < 36 || connectLength > MAX_CONNECT_RESPONSE_BYTES) {
                return ProbeResult.unknown("not a ZooKeeper reply");
            }
            ProbeResult refused = session(connection.readExactly(connectLength));
            if (refused != null) {
                return refused;
            }
            step = ASKED;
            answered = false;
            connection.write(GET_CHILDREN);
            int replyLength = WireBytes.int32(connection.readExactly(4), 0);
            answered = true;
            if (replyLength < 16 || replyLength > MAX_REPLY_BYTES) {
                return ProbeResult.unknown("session opened without authentication", replyLength > MAX_REPLY_BYTES
                        ? "reply to " + ASKED + " longer than " + MAX_REPLY_BYTES + " bytes" : "not a ZooKeeper reply to " + ASKED);
            }
            ProbeResult result = judge(replyLength, connection.readExactly(Math.min(replyLength, REPLY_HEAD_BYTES)));
            closeSession(connection);
            return result;
        } catch (RawConnection.CutShortException e) {
            return ProbeResult.unknown(answered || e.start.length > 0 ? "connection closed in the middle of the reply to " + step
                    : "connection closed without a reply to " + step);
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** Null when the ConnectResponse opened a session; else why not. */
    private static ProbeResult session(byte[] response) {
        ByteBuffer in = ByteBuffer.wrap(response);
        int protocolVersion = in.getInt();
        int timeout = in.getInt();
        long sessionId = in.getLong();
        int passwordLength = in.getInt();
        if (protocolVersion != 0 || passwordLength < 0 || passwordLength > in.remaining()) {
            return ProbeResult.unknown("not a ZooKeeper reply");
        }
        if (timeout <= 0 || sessionId == 0) {
            // The server's answer to a session it will not open (an expired one, or a server that is not serving).
            return ProbeResult.unknown("the session request was answered without a session", "ZooKeeper refused the session");
        }
        return null;
    }

    /** The getChildren reply: its length and its first bytes (ReplyHeader, then the number of children). */
    static ProbeResult judge(int length, byte[] head) {
        ByteBuffer in = ByteBuffer.wrap(head);
        int xid = in.getInt();
        in.getLong(); // zxid
        int error = in.getInt();
        if (xid != 1) {
            return ProbeResult.unknown("session opened without authentication", "not a ZooKeeper reply to " + ASKED);
        }
        if (error == NOAUTH) {
            return ProbeResult.protectedBy(ASKED + " answered NOAUTH: an ACL on / refuses unauthenticated clients"
                    + " (other znodes have ACLs of their own)");
        }
        if (error == SESSION_CLOSED_REQUIRE_SASL_AUTH) {
            return ProbeResult.protectedBy(ASKED + " answered SESSIONCLOSEDREQUIRESASLAUTH (the server requires SASL authentication)");
        }
        if (error != 0) {
            return ProbeResult.unknown(ASKED + " answered error " + error, "unexpected error");
        }
        int children = head.length < REPLY_HEAD_BYTES ? -1 : in.getInt();
        // Each name is at least its 4-byte length: more names than that in the reply's length is not a listing.
        if (children < 0 || children > (length - REPLY_HEAD_BYTES) / 4) {
            return ProbeResult.unknown("session opened without authentication", "not a ZooKeeper reply to " + ASKED);
        }
        return ProbeResult.open("session opened without authentication; " + ASKED + " answered with " + children + " znodes");
    }

    /** Ends the session at once rather than at its timeout; the server's answer is not waited for. */
    private static void closeSession(RawConnection connection) {
        try {
            connection.write(CLOSE_SESSION);
        } catch (java.io.IOException e) {
            // the verdict is already known
        }
    }
}
