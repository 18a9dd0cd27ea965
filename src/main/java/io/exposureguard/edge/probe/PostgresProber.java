package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL: one startup message (protocol 3.0, user {@value #USER}, database {@value #DATABASE}) and the first
 * message of the answer. AuthenticationOk means the server let the client in without a password; a request for a
 * password (cleartext, MD5, SASL/SCRAM, GSSAPI, SSPI, Kerberos) means credentials are required; an ErrorResponse
 * (no pg_hba.conf entry for this client, too many connections, starting up) is no verdict, with what it said.
 * No password, no query: after AuthenticationOk the probe sends Terminate and closes.
 */
final class PostgresProber implements Prober {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    static final int PROTOCOL_3_0 = 3 << 16;
    /** An authentication request or an error is a few hundred bytes; a longer length is not a reply to believe. */
    static final int MAX_MESSAGE_BYTES = 8192;
    /** Terminate: 'X', length 4. */
    static final byte[] TERMINATE = {'X', 0, 0, 0, 4};

    private static final String ASKED = "startup as user " + USER;

    private final ProbeSettings settings;

    PostgresProber(ProbeSettings settings) {
        this.settings = settings;
    }

    /** The startup message: length, protocol 3.0, then user, database and application name as C strings. */
    static byte[] startup() {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        for (String s : new String[]{"user", USER, "database", DATABASE, "application_name", HttpGet.USER_AGENT}) {
            params.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            params.write(0);
        }
        params.write(0);
        byte[] body = params.toByteArray();
        return WireBytes.concat(WireBytes.int32(8 + body.length), WireBytes.int32(PROTOCOL_3_0), body);
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        boolean answered = false;
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(startup());
            byte type = connection.readExactly(1)[0];
            answered = true;
            if (type != 'R' && type != 'E') {
                return ProbeResult.unknown("not a PostgreSQL reply");
            }
            int length = WireBytes.int32(connection.readExactly(4), 0);
            if (length < 4 || length > MAX_MESSAGE_BYTES) {
                return ProbeResult.unknown("not a PostgreSQL reply (a message length of " + length + " bytes)");
            }
            ProbeResult result = judge((char) type, connection.readExactly(length - 4));
            if (result.verdict() == ProbeResult.Verdict.OPEN) {
                connection.write(TERMINATE);
            }
            return result;
        } catch (RawConnection.CutShortException e) {
            return ProbeResult.unknown(answered ? "connection closed in the middle of the reply to the startup message"
                    : "connection closed without a reply to the startup message");
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** The first message of the answer: its type ('R' or 'E') and its body (after the length). */
    static ProbeResult judge(char type, byte[] body) {
        if (type == 'E') {
            return error(body);
        }
        if (type != 'R' || body.length < 4) {
            return ProbeResult.unknown("not a PostgreSQL reply");
        }
        int code = WireBytes.int32(body, 0);
        return switch (code) {
            case 0 -> body.length == 4
                    ? ProbeResult.open(ASKED + " (database " + DATABASE + ") answered AuthenticationOk without a password")
                    : ProbeResult.unknown("not a PostgreSQL reply");
            case 2 -> asks("Kerberos V5 authentication");
            case 3 -> asks("a cleartext password");
            case 5 -> asks("an MD5 password");
            case 7 -> asks("GSSAPI authentication");
            case 9 -> asks("SSPI authentication");
            case 10 -> asks("SASL authentication (" + mechanisms(body) + ")");
            default -> ProbeResult.unknown(ASKED + " answered authentication request " + code, "unexpected authentication request");
        };
    }

    private static ProbeResult asks(String what) {
        return ProbeResult.protectedBy(ASKED + " answered with a request for " + what);
    }

    /** "SCRAM-SHA-256, SCRAM-SHA-256-PLUS": the C strings after the code, printable only. */
    private static String mechanisms(byte[] body) {
        String listed = new String(body, 4, body.length - 4, StandardCharsets.ISO_8859_1);
        String joined = String.join(", ", java.util.Arrays.stream(listed.split("\0")).filter(s -> !s.isEmpty()).toList());
        return joined.isEmpty() ? "no mechanism named" : Failures.printable(joined);
    }

    /** An ErrorResponse: fields of a code byte and a C string; SQLSTATE ('C') and message ('M') are reported. */
    private static ProbeResult error(byte[] body) {
        String sqlState = null;
        String message = null;
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char field = (char) body[i];
            int end = i + 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (end >= body.length) {
                return ProbeResult.unknown("not a PostgreSQL reply");
            }
            String value = new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            if (field == 'C') {
                sqlState = value;
            } else if (field == 'M') {
                message = value;
            }
            i = end + 1;
        }
        if (sqlState == null && message == null) {
            return ProbeResult.unknown("not a PostgreSQL reply");
        }
        String said = ASKED + " answered an error" + (sqlState == null ? "" : " (SQLSTATE " + Failures.printable(sqlState) + ")");
        return ProbeResult.unknown(said, "the server refused the connection before authentication"
                + (message == null ? "" : ": " + Failures.printable(message)));
    }
}
