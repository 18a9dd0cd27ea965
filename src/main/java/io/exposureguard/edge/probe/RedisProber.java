package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Redis and Valkey: one RESP {@code PING} on a fresh connection, one reply line read (at most 4 KiB).
 * {@code +PONG} means commands run without AUTH; {@code -NOAUTH}, {@code -WRONGPASS}, or an {@code -ERR} about
 * AUTH (or Redis 2's "operation not permitted") means a password is required. Anything else is no verdict,
 * including {@code -DENIED} (protected mode: no password set, but clients from other hosts are refused).
 */
final class RedisProber implements Prober {

    static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_REPLY_BYTES = 4096;

    private final ProbeSettings settings;

    RedisProber(ProbeSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        byte[] reply;
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(PING);
            reply = connection.readLine(MAX_REPLY_BYTES);
        } catch (RawConnection.LineTooLongException e) {
            return ProbeResult.unknown(resp(e.start) ? "reply to PING longer than " + MAX_REPLY_BYTES + " bytes" : "not a Redis reply");
        } catch (RawConnection.CutShortException e) {
            return ProbeResult.unknown(e.start.length == 0 ? "connection closed without a reply to PING"
                    : resp(e.start) ? "connection closed in the middle of the reply to PING" : "not a Redis reply");
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
        return judge(new String(reply, StandardCharsets.ISO_8859_1));
    }

    static ProbeResult judge(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.equals("+PONG")) {
            return ProbeResult.open("PING answered +PONG without AUTH");
        }
        if (upper.startsWith("-NOAUTH") || upper.startsWith("-WRONGPASS")
                || upper.startsWith("-ERR") && (upper.contains("AUTH") || upper.contains("OPERATION NOT PERMITTED"))) {
            return ProbeResult.protectedBy("PING answered " + firstWord(line) + " (authentication required)");
        }
        if (upper.startsWith("-DENIED")) {
            return ProbeResult.unknown("PING answered -DENIED",
                    "Redis protected mode refused the client: no password is set, but only local clients are served");
        }
        if (!resp(line.getBytes(StandardCharsets.ISO_8859_1))) {
            return ProbeResult.unknown("not a Redis reply");
        }
        return ProbeResult.unknown("PING answered " + Failures.printable(line), "unexpected reply to PING");
    }

    /** Starts with a RESP2/RESP3 type byte. */
    private static boolean resp(byte[] start) {
        return start.length > 0 && "+-:$*_#,(!=%~>|".indexOf((char) (start[0] & 0xff)) >= 0;
    }

    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return Failures.printable(space < 0 ? line : line.substring(0, space));
    }
}
