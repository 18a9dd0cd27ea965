package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MongoDB Community operator's {@code MongoDBCommunity} (mongodbcommunity.mongodb.com/v1): a replica set of
 * {@code spec.members} pods {@code <name>-<n>} labelled {@code app: <name>-svc}, on
 * {@code spec.additionalMongodConfig.net.port} (default 27017). The operator always enables authentication
 * ({@code spec.security.authentication.modes}, SCRAM-SHA-256 by default; it has no setting to turn it off). Each
 * member is a datastore, with the pod-name label its StatefulSet gives it, so the per-member NodePorts of the
 * operator's external-access samples are followed. Its only Service ({@code <name>-svc}) is headless.
 */
public final class MongoDbCommunity implements DatastoreResourceKind {

    private static final int DEFAULT_PORT = 27017;
    private static final int MAX_MEMBERS = 1000;

    @Override
    public String kind() {
        return "MongoDBCommunity";
    }

    @Override
    public List<String> groups() {
        return List.of("mongodbcommunity.mongodb.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "mongodbcommunity";
    }

    @Override
    public String generatedServices() {
        return "none that opens an entry (`<name>-svc` is headless)";
    }

    @Override
    public String ownSettingsFix() {
        return "none (authentication is always on; the entry in front is closed instead)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        int members = spec.integer("members").orElse(1);
        if (members < 0 || members > MAX_MEMBERS) {
            throw new InvalidFieldException("spec.members: expected 0 to " + MAX_MEMBERS);
        }
        int port = spec.path("additionalMongodConfig", "net").integer("port").orElse(DEFAULT_PORT);
        List<String> modes = spec.path("security", "authentication").strings("modes");
        AuthVerdict auth = AuthVerdict.on(ref.display() + ": the MongoDB Community operator always enables authentication ("
                + (modes.isEmpty() ? "SCRAM-SHA-256 by default" : "modes " + String.join(", ", modes)) + ")");
        List<Datastore> datastores = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String pod = ref.name() + "-" + i;
            datastores.add(new Datastore(ref, DatastoreKind.MONGODB, "member " + pod + " of " + ref.display(),
                    Map.of("app", ref.name() + "-svc", "statefulset.kubernetes.io/pod-name", pod),
                    List.of(DataPort.of(port, "mongodb")), auth, Optional.empty(), false));
        }
        return new CustomResourceReading(datastores, List.of());
    }
}
