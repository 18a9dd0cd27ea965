package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.nio.charset.StandardCharsets;

/**
 * Memcached: one binary-protocol {@code STAT} request (no key). Answered with statistics means any client may read
 * and write the cache; status 0x20 (authentication error) means SASL is on. The binary protocol, not the text one:
 * with SASL ({@code -S}) memcached serves binary clients only and closes a text connection without a word, and it
 * answers {@code version} even to unauthenticated clients, so neither text command can tell SASL apart. Only the
 * {@code curr_items} count is kept from the answer.
 */
final class MemcachedProber implements Prober {

    static final int MAGIC_REQUEST = 0x80;
    static final int MAGIC_RESPONSE = 0x81;
    static final int OPCODE_STAT = 0x10;
    static final int STATUS_AUTH_ERROR = 0x20;
    static final int HEADER_BYTES = 24;
    /** memcached 1.6 sends about 90 statistics in about 4 KiB; more than this is not an answer to believe. */
    static final int MAX_REPLY_BYTES = 64 * 1024;
    /** A request header: magic, opcode STAT, no key, no extras, no body, opaque 0, CAS 0. */
    static final byte[] STAT = request();

    private static final String ASKED = "binary STAT";

    private final ProbeSettings settings;

    MemcachedProber(ProbeSettings settings) {
        this.settings = settings;
    }

    private static byte[] request() {
        byte[] header = new byte[HEADER_BYTES];
        header[0] = (byte) MAGIC_REQUEST;
        header[1] = (byte) OPCODE_STAT;
        return header;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        boolean answered = false;
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(STAT);
            long items = -1;
            int read = 0;
            while (true) {
                byte[] header = connection.readExactly(HEADER_BYTES);
                answered = true;
                if ((header[0] & 0xff) != MAGIC_RESPONSE || (header[1] & 0xff) != OPCODE_STAT) {
                    return ProbeResult.unknown("not a memcached reply");
                }
                int status = (header[6] & 0xff) << 8 | header[7] & 0xff;
                int keyLength = (header[2] & 0xff) << 8 | header[3] & 0xff;
                int extras = header[4] & 0xff;
                int body = WireBytes.int32(header, 8);
                // Checked before adding: a length near 2^31 would overflow the sum.
                if (body < 0 || body > MAX_REPLY_BYTES - read - HEADER_BYTES) {
                    return ProbeResult.unknown("reply to " + ASKED + " longer than " + MAX_REPLY_BYTES + " bytes");
                }
                if (keyLength + extras > body) {
                    return ProbeResult.unknown("not a memcached reply");
                }
                read += HEADER_BYTES + body;
                byte[] bytes = connection.readExactly(body);
                if (status == STATUS_AUTH_ERROR) {
                    return ProbeResult.protectedBy(ASKED + " answered status 0x20 (authentication required: SASL)");
                }
                if (status != 0) {
                    return ProbeResult.unknown(ASKED + " answered status 0x" + Integer.toHexString(status), "unexpected status");
                }
                if (keyLength == 0) {
                    return ProbeResult.open(ASKED + " answered without authentication"
                            + (items < 0 ? "" : " (" + items + " items stored)"));
                }
                String key = new String(bytes, extras, keyLength, StandardCharsets.ISO_8859_1);
                if (key.equals("curr_items")) {
                    items = count(new String(bytes, extras + keyLength, body - extras - keyLength, StandardCharsets.ISO_8859_1));
                }
            }
        } catch (RawConnection.CutShortException e) {
            if (!answered && e.start.length > 0 && (e.start[0] & 0xff) != MAGIC_RESPONSE) {
                return ProbeResult.unknown("not a memcached reply");
            }
            return ProbeResult.unknown(answered || e.start.length > 0 ? "connection closed in the middle of the reply to " + ASKED
                    : "connection closed without a reply to " + ASKED);
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** The stat's value as a count, or -1 when it is not a plain number. */
    private static long count(String value) {
        return value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
    }
}
