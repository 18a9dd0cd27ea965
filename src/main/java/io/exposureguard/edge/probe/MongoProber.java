package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoInternalException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerMonitoringMode;
import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerMonitorListener;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.BsonSerializationException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MongoDB with the official driver, no credentials: the driver's connection handshake ({@code hello}, or the
 * legacy {@code isMaster} on a first contact, with client metadata naming the application
 * {@value #APPLICATION}), then {@code listDatabases} with {@code nameOnly: true} on {@code admin}. ok:1 means
 * anyone can list (and read) databases: open, with the count. Error code 13 (Unauthorized) means authentication
 * is required.
 * <p>
 * The client is built for one endpoint only: direct connection (never the replica set members the server
 * names), polling monitor (no streaming or RTT connections), no retries, one pooled connection, documents cut to
 * nothing in driver logs, and closed after the command. The driver supports servers from MongoDB 4.2 (wire
 * version 8); an older server gives no verdict.
 */
final class MongoProber implements Prober {

    static final String APPLICATION = "exposure-guard-probe";
    static final int UNAUTHORIZED = 13;

    private final ProbeSettings settings;

    MongoProber(ProbeSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        AtomicReference<Throwable> monitorFailure = new AtomicReference<>();
        try (MongoClient client = MongoClients.create(clientSettings(target, monitorFailure))) {
            RawBsonDocument reply = client.getDatabase("admin")
                    .runCommand(new BsonDocument("listDatabases", new BsonInt32(1)).append("nameOnly", org.bson.BsonBoolean.TRUE),
                            RawBsonDocument.class);
            return judge(reply);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == UNAUTHORIZED) {
                return ProbeResult.protectedBy("listDatabases refused with code 13 (" + Failures.printable(e.getErrorCodeName()) + ")");
            }
            return ProbeResult.unknown("listDatabases failed with code " + e.getErrorCode()
                    + (e.getErrorCodeName().isEmpty() ? "" : " (" + Failures.printable(e.getErrorCodeName()) + ")"),
                    "unexpected answer to listDatabases");
        } catch (MongoIncompatibleDriverException e) {
            return ProbeResult.unknown("the server answered hello", "MongoDB older than 4.2 (wire version below "
                    + ServerDescription.MIN_DRIVER_WIRE_VERSION + "): the driver cannot query it");
        } catch (MongoTimeoutException e) {
            Throwable cause = monitorFailure.get();
            return ProbeResult.unknown(cause == null
                    ? "timed out after " + Failures.human(selectionTimeout()) + " waiting for the server"
                    : reason(cause, settings.connectTimeout()));
        } catch (RuntimeException e) {
            return ProbeResult.unknown(reason(e, settings.requestTimeout()));
        }
    }

    private static ProbeResult judge(RawBsonDocument reply) {
        BsonValue ok = reply.get("ok");
        BsonValue databases = reply.get("databases");
        if (ok == null || !ok.isNumber() || ok.asNumber().doubleValue() != 1.0 || databases == null || !databases.isArray()) {
            return ProbeResult.unknown("listDatabases answered without ok:1 and a databases list", "not a MongoDB listDatabases reply");
        }
        return ProbeResult.open("listDatabases returned ok:1 with " + databases.asArray().size() + " databases, without credentials");
    }

    private String reason(Throwable failure, Duration readTimeout) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof MongoSocketReadTimeoutException) {
                return "timed out after " + Failures.human(readTimeout) + " waiting for a reply";
            }
            if (c instanceof MongoSocketReadException) {
                return "connection closed without a complete reply";
            }
            if (c instanceof MongoInternalException || c instanceof BsonSerializationException) {
                return "not a MongoDB reply";
            }
        }
        return Failures.reason(failure, settings.connectTimeout(), readTimeout);
    }

    private Duration selectionTimeout() {
        return settings.connectTimeout().plus(settings.connectTimeout());
    }

    private MongoClientSettings clientSettings(ProbeTarget target, AtomicReference<Throwable> monitorFailure) {
        long connectMs = settings.connectTimeout().toMillis();
        long requestMs = settings.requestTimeout().toMillis();
        ServerMonitorListener failures = new ServerMonitorListener() {
            @Override
            public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
                monitorFailure.compareAndSet(null, event.getThrowable());
            }
        };
        return MongoClientSettings.builder()
                .applicationName(APPLICATION)
                .retryReads(false)
                .retryWrites(false)
                .applyToClusterSettings(b -> b
                        .hosts(List.of(new ServerAddress(target.host(), target.port())))
                        .mode(ClusterConnectionMode.SINGLE)
                        .serverSelectionTimeout(selectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToServerSettings(b -> b
                        .serverMonitoringMode(ServerMonitoringMode.POLL)
                        .heartbeatFrequency(1, TimeUnit.HOURS)
                        .addServerMonitorListener(failures))
                .applyToSocketSettings(b -> b
                        .connectTimeout(connectMs, TimeUnit.MILLISECONDS)
                        .readTimeout(requestMs, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(b -> b
                        .minSize(0)
                        .maxSize(1)
                        .maxWaitTime(requestMs, TimeUnit.MILLISECONDS))
                .applyToSslSettings(b -> b
                        .enabled(target.tls())
                        .invalidHostNameAllowed(true)
                        .context(TrustAll.context()))
                .applyToLoggerSettings(b -> b.maxDocumentLength(0))
                .build();
    }
}
