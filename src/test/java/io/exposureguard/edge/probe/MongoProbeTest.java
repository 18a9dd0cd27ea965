package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MongoDB probe (official driver) against a fake wire-protocol server in the test: no real MongoDB is
 * available here, so this proves the driver settings and the reading of replies, not interoperability with mongod.
 */
class MongoProbeTest {

    private static final int MONGODB_7_WIRE_VERSION = 21;
    private static final int MONGODB_3_6_WIRE_VERSION = 6;

    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));

    private ProbeResult probe(int port) {
        return probes.probe(new ProbeTarget("127.0.0.1", port, DatastoreKind.MONGODB, false));
    }

    @Test
    void listDatabasesAnsweredWithoutCredentialsIsOpenWithTheCountOfDatabases() throws Exception {
        try (FakeMongo mongo = new FakeMongo(MONGODB_7_WIRE_VERSION, FakeMongo.THREE_DATABASES)) {
            ProbeResult result = probe(mongo.port());

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).isEqualTo("listDatabases returned ok:1 with 3 databases, without credentials");
        }
    }

    @Test
    void unauthorizedListDatabasesIsProtected() throws Exception {
        try (FakeMongo mongo = new FakeMongo(MONGODB_7_WIRE_VERSION, FakeMongo.UNAUTHORIZED)) {
            ProbeResult result = probe(mongo.port());

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo("listDatabases refused with code 13 (Unauthorized)");
        }
    }

    @Test
    void theProbeSendsOnlyTheHandshakeAndListDatabasesWithNameOnly() throws Exception {
        try (FakeMongo mongo = new FakeMongo(MONGODB_7_WIRE_VERSION, FakeMongo.THREE_DATABASES)) {
            probe(mongo.port());

            assertThat(mongo.commandNames()).containsAnyOf("isMaster", "hello").contains("listDatabases")
                    .allMatch(name -> name.equalsIgnoreCase("isMaster") || name.equals("hello")
                            || name.equals("listDatabases") || name.equals("endSessions"));
            assertThat(mongo.commands).filteredOn(c -> c.getFirstKey().equals("listDatabases"))
                    .singleElement().satisfies(c -> assertThat(c.getBoolean("nameOnly").getValue()).isTrue());
            assertThat(mongo.commands).noneMatch(c -> c.containsKey("saslSupportedMechs") || c.containsKey("speculativeAuthenticate"));
        }
    }

    @Test
    void theHandshakeNamesTheProbeAsTheApplication() throws Exception {
        try (FakeMongo mongo = new FakeMongo(MONGODB_7_WIRE_VERSION, FakeMongo.THREE_DATABASES)) {
            probe(mongo.port());

            assertThat(mongo.commands.get(0).getDocument("client").getDocument("application").getString("name").getValue())
                    .isEqualTo("exposure-guard-probe");
        }
    }

    @Test
    void aServerOlderThanTheDriverSupportsGivesNoVerdict() throws Exception {
        try (FakeMongo mongo = new FakeMongo(MONGODB_3_6_WIRE_VERSION, FakeMongo.THREE_DATABASES)) {
            ProbeResult result = probe(mongo.port());

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).startsWith("MongoDB older than 4.2");
            assertThat(mongo.commandNames()).doesNotContain("listDatabases");
        }
    }

    @Test
    void aReplyWithoutADatabasesListIsNotTakenForOpen() throws Exception {
        try (FakeMongo mongo = new FakeMongo(MONGODB_7_WIRE_VERSION, org.bson.BsonDocument.parse("{ok: 1.0}"))) {
            ProbeResult result = probe(mongo.port());

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo("not a MongoDB listDatabases reply");
        }
    }
}
