package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MySQL client/server protocol pieces the probe needs, as plain values: reading the server's initial handshake
 * (v10), writing a HandshakeResponse41 for user {@value #USER} with an empty authentication response, and judging
 * the server's answer to it. See the MySQL source documentation, "Connection Phase".
 */
final class MysqlPackets {

    static final String USER = "root";
    static final int CLIENT_LONG_PASSWORD = 0x1;
    static final int CLIENT_PROTOCOL_41 = 0x200;
    static final int CLIENT_SECURE_CONNECTION = 0x8000;
    static final int CLIENT_PLUGIN_AUTH = 0x80000;
    static final int ER_ACCESS_DENIED = 1045;
    /** The plugins whose empty-password answer the probe knows (an empty packet, and one zero byte). */
    static final String NATIVE = "mysql_native_password";
    static final String CACHING_SHA2 = "caching_sha2_password";

    private static final int UTF8_GENERAL_CI = 33;
    private static final String ASKED = "handshake as user " + USER + " without a password";

    private MysqlPackets() {
    }

    /** What the server's first packet said: its capabilities and default authentication plugin, or why not usable. */
    record Greeting(long capabilities, String plugin, ProbeResult refusal) {
    }

    /** The initial handshake, an ERR packet instead of it (host not allowed, too many connections), or garbage. */
    static Greeting greeting(byte[] payload) {
        if (payload.length > 0 && (payload[0] & 0xff) == 0xff) {
            return new Greeting(0, null, error(payload, "the server refused the connection before authentication"));
        }
        if (payload.length == 0 || payload[0] != 10) {
            return new Greeting(0, null, ProbeResult.unknown("not a MySQL handshake"));
        }
        int version = cString(payload, 1);
        // version, connection id (4), scramble part 1 (8), filler (1), capabilities (2)
        int at = version + 1 + 4 + 8 + 1;
        if (version < 0 || payload.length < at + 2) {
            return new Greeting(0, null, ProbeResult.unknown("not a MySQL handshake"));
        }
        long capabilities = WireBytes.uintLe(payload, at, 2);
        at += 2;
        if (payload.length >= at + 16) {
            capabilities |= WireBytes.uintLe(payload, at + 3, 2) << 16;
            int scrambleLength = payload[at + 5] & 0xff;
            at += 16 + Math.max(13, scrambleLength - 8);
        }
        if ((capabilities & CLIENT_PROTOCOL_41) == 0) {
            return new Greeting(capabilities, null, ProbeResult.unknown("MySQL handshake without protocol 4.1 (a server older than 4.1)"));
        }
        String plugin = NATIVE;
        if ((capabilities & CLIENT_PLUGIN_AUTH) != 0 && at < payload.length) {
            int end = cString(payload, at);
            plugin = end < 0 ? NATIVE : new String(payload, at, end - at, StandardCharsets.ISO_8859_1);
        }
        return new Greeting(capabilities, plugin, null);
    }

    /** HandshakeResponse41 (sequence 1): user root, an empty authentication response, no database, no TLS. */
    static byte[] response(Greeting greeting) {
        long wanted = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;
        long capabilities = wanted & greeting.capabilities() | CLIENT_PROTOCOL_41;
        byte[] user = (USER + "\0").getBytes(StandardCharsets.US_ASCII);
        // An empty authentication response: length 0 (secure connection), or an empty C string: one zero byte either way.
        byte[] auth = {0};
        byte[] plugin = (capabilities & CLIENT_PLUGIN_AUTH) != 0 ? (knownPlugin(greeting.plugin()) + "\0").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] payload = WireBytes.concat(WireBytes.le(capabilities, 4), WireBytes.le(1 << 24, 4), new byte[]{UTF8_GENERAL_CI},
                new byte[23], user, auth, plugin);
        return packet(1, payload);
    }

    /** The plugin named back to the server: its own default when the probe knows its empty answer, else native. */
    private static String knownPlugin(String plugin) {
        return CACHING_SHA2.equals(plugin) ? CACHING_SHA2 : NATIVE;
    }

    /** The empty-password answer to an AuthSwitchRequest for {@code plugin}, if the probe knows one. */
    static Optional<byte[]> emptyAnswer(String plugin, int sequence) {
        return switch (plugin) {
            case NATIVE -> Optional.of(packet(sequence, new byte[0]));
            case CACHING_SHA2 -> Optional.of(packet(sequence, new byte[]{0}));
            default -> Optional.empty();
        };
    }

    static byte[] packet(int sequence, byte[] payload) {
        return WireBytes.concat(WireBytes.le(payload.length, 3), new byte[]{(byte) sequence}, payload);
    }

    /**
     * The server's answer to the handshake response: OK is open, ERR 1045 (access denied) protected, another ERR
     * no verdict; an AuthSwitchRequest ({@code 0xfe}) or more authentication data ({@code 0x01}) is for the caller:
     * empty here.
     */
    static Optional<ProbeResult> judge(byte[] payload) {
        if (payload.length == 0) {
            return Optional.of(ProbeResult.unknown("not a MySQL reply"));
        }
        int type = payload[0] & 0xff;
        if (type == 0x00 && payload.length >= 7) {
            return Optional.of(ProbeResult.open(ASKED + " answered OK"));
        }
        if (type == 0xff) {
            return Optional.of(error(payload, "unexpected error after the handshake"));
        }
        if (type == 0xfe || type == 0x01) {
            return Optional.empty();
        }
        return Optional.of(ProbeResult.unknown("not a MySQL reply"));
    }

    /** The plugin an AuthSwitchRequest names (printable), or empty when it is malformed. */
    static Optional<String> switchedPlugin(byte[] payload) {
        int end = payload.length > 1 ? cString(payload, 1) : -1;
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(Failures.printable(new String(payload, 1, end - 1, StandardCharsets.ISO_8859_1)));
    }

    /** An ERR packet: {@code 0xff}, code (2), {@code #} and SQLSTATE (5) under protocol 4.1, message. */
    private static ProbeResult error(byte[] payload, String otherwise) {
        if (payload.length < 3) {
            return ProbeResult.unknown("not a MySQL reply");
        }
        int code = (int) WireBytes.uintLe(payload, 1, 2);
        int text = payload.length >= 9 && payload[3] == '#' ? 9 : 3;
        String message = Failures.printable(new String(payload, text, payload.length - text, StandardCharsets.UTF_8));
        if (code == ER_ACCESS_DENIED) {
            return ProbeResult.protectedBy(ASKED + " answered error 1045 (access denied)");
        }
        return ProbeResult.unknown(ASKED + " answered error " + code, otherwise + (message.isEmpty() ? "" : ": " + message));
    }

    /** The index of the NUL ending the C string at {@code from}, or -1. */
    private static int cString(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
