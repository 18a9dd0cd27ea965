package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka: {@code ApiVersions} v0 (answered by every listener, SASL or not, before authentication), then {@code Metadata}
 * v4 for all topics. Metadata answered means the listener serves clients without SASL (only the number of topics the
 * anonymous client may see is kept). A broker that closes the connection instead is asked, on a second connection,
 * {@code SaslHandshake} v1 for mechanism {@code PLAIN} (no credentials follow): a SASL listener answers with its
 * mechanisms, which is a credential demand. Requests use header v1 and responses header v0 (the Kafka protocol guide).
 */
final class KafkaProber implements Prober {

    static final short API_METADATA = 3;
    static final short API_SASL_HANDSHAKE = 17;
    static final short API_VERSIONS = 18;
    static final short METADATA_VERSION = 4;
    static final short UNSUPPORTED_SASL_MECHANISM = 33;
    /** Frames above this are not believed; of a Metadata answer only this much is read (brokers, then the topic count). */
    static final int MAX_READ_BYTES = 64 * 1024;
    static final int MAX_FRAME_BYTES = 100 * 1024 * 1024;

    static final byte[] API_VERSIONS_REQUEST = request(API_VERSIONS, (short) 0, 1, new byte[0]);
    /** Topics null (-1: all topics), allow_auto_topic_creation false: nothing is created. */
    static final byte[] METADATA_REQUEST = request(API_METADATA, METADATA_VERSION, 2, new byte[]{-1, -1, -1, -1, 0});
    static final byte[] SASL_HANDSHAKE_REQUEST = request(API_SASL_HANDSHAKE, (short) 1, 3, WireBytes.shortString("PLAIN"));

    private final ProbeSettings settings;

    KafkaProber(ProbeSettings settings) {
        this.settings = settings;
    }

    /** Size, then header v1 (api key, version, correlation id, client id), then the body. */
    private static byte[] request(short apiKey, short version, int correlationId, byte[] body) {
        byte[] clientId = WireBytes.shortString(HttpGet.USER_AGENT);
        ByteBuffer out = ByteBuffer.allocate(4 + 8 + clientId.length + body.length);
        out.putInt(8 + clientId.length + body.length).putShort(apiKey).putShort(version).putInt(correlationId).put(clientId).put(body);
        return out.array();
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String step = "ApiVersions";
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(API_VERSIONS_REQUEST);
            ByteBuffer versions = response(connection, 1);
            if (versions == null) {
                return ProbeResult.unknown("not a Kafka reply");
            }
            ProbeResult unsupported = metadataSupported(versions);
            if (unsupported != null) {
                return unsupported;
            }
            step = "Metadata";
            connection.write(METADATA_REQUEST);
            ByteBuffer metadata = response(connection, 2);
            return metadata == null ? ProbeResult.unknown("ApiVersions answered", "not a Kafka reply to Metadata") : topics(metadata);
        } catch (RawConnection.CutShortException e) {
            if (step.equals("Metadata") && e.start.length == 0) {
                return saslHandshake(target);
            }
            return ProbeResult.unknown(e.start.length > 0 ? "connection closed in the middle of the reply to " + step
                    : "connection closed without a reply to " + step);
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /** The Metadata connection was closed: is this a SASL listener? Asked on a fresh connection. */
    private ProbeResult saslHandshake(ProbeTarget target) {
        String closed = "ApiVersions answered; the broker closed the connection on Metadata";
        try (RawConnection connection = RawConnection.open(target, settings)) {
            connection.write(SASL_HANDSHAKE_REQUEST);
            ByteBuffer answer = response(connection, 3);
            if (answer == null || answer.remaining() < 2) {
                return ProbeResult.unknown(closed, "not a Kafka reply to SaslHandshake");
            }
            short error = answer.getShort();
            List<String> mechanisms = strings(answer);
            if ((error == 0 || error == UNSUPPORTED_SASL_MECHANISM) && mechanisms != null) {
                return ProbeResult.protectedBy(closed + "; SaslHandshake answered with the mechanisms " + String.join(", ", mechanisms)
                        + " (a SASL listener: credentials required)");
            }
            return ProbeResult.unknown(closed + "; SaslHandshake answered error " + error, "no SASL listener, and no metadata");
        } catch (RawConnection.CutShortException e) {
            return ProbeResult.unknown(closed, "connection closed without an answer to SaslHandshake");
        } catch (Exception e) {
            return ProbeResult.unknown(closed, Failures.reason(e, settings.connectTimeout(), settings.requestTimeout()));
        }
    }

    /**
     * The body of the next response (at most {@link #MAX_READ_BYTES} of it), or null when it is not the answer to
     * {@code correlationId} or its size is not believable.
     */
    private static ByteBuffer response(RawConnection connection, int correlationId) throws java.io.IOException {
        int size = WireBytes.int32(connection.readExactly(4), 0);
        if (size < 4 || size > MAX_FRAME_BYTES) {
            return null;
        }
        byte[] head = connection.readExactly(Math.min(size, MAX_READ_BYTES));
        ByteBuffer in = ByteBuffer.wrap(head);
        return in.getInt() == correlationId ? in : null;
    }

    /** Null when the broker serves Metadata v4; else why not. */
    private static ProbeResult metadataSupported(ByteBuffer versions) {
        try {
            short error = versions.getShort();
            int count = versions.getInt();
            if (error != 0 || count < 0 || count > versions.remaining() / 6) {
                return ProbeResult.unknown("ApiVersions answered error " + error, "not a Kafka reply");
            }
            for (int i = 0; i < count; i++) {
                short key = versions.getShort();
                short min = versions.getShort();
                short max = versions.getShort();
                if (key == API_METADATA) {
                    return min <= METADATA_VERSION && METADATA_VERSION <= max ? null
                            : ProbeResult.unknown("ApiVersions answered", "the broker does not serve Metadata v" + METADATA_VERSION);
                }
            }
            return ProbeResult.unknown("ApiVersions answered", "the broker does not serve Metadata");
        } catch (BufferUnderflowException e) {
            return ProbeResult.unknown("not a Kafka reply");
        }
    }

    /** Metadata v4: throttle time, brokers (id, host, port, rack), cluster id, controller id, then the topics' count. */
    private static ProbeResult topics(ByteBuffer in) {
        try {
            in.getInt();
            int brokers = in.getInt();
            if (brokers < 0 || brokers > in.remaining() / 12) {
                return ProbeResult.unknown("ApiVersions answered", "not a Kafka reply to Metadata");
            }
            for (int i = 0; i < brokers; i++) {
                in.getInt();
                skipString(in, false);
                in.getInt();
                skipString(in, true);
            }
            skipString(in, true);
            in.getInt();
            int topics = in.getInt();
            if (topics < 0) {
                return ProbeResult.unknown("ApiVersions answered", "not a Kafka reply to Metadata");
            }
            return ProbeResult.open("Metadata answered without SASL: " + brokers + " brokers, " + topics + " topics visible");
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return ProbeResult.unknown("ApiVersions answered", "not a Kafka reply to Metadata (or more than " + MAX_READ_BYTES
                    + " bytes before the topics)");
        }
    }

    private static void skipString(ByteBuffer in, boolean nullable) {
        short length = in.getShort();
        if (length == -1 && nullable) {
            return;
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative string length");
        }
        in.position(in.position() + length);
    }

    /** An array of strings (mechanism names, printable); null when the body does not hold one. */
    private static List<String> strings(ByteBuffer in) {
        try {
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 2) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = WireBytes.readShortString(in);
                if (name == null) {
                    return null;
                }
                names.add(Failures.printable(name));
            }
            return names;
        } catch (BufferUnderflowException e) {
            return null;
        }
    }
}
