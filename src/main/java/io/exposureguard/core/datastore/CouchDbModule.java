package io.exposureguard.core.datastore;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** CouchDB: 3.x refuses to start without an admin; 2.x without COUCHDB_USER/PASSWORD is an "admin party". */
public final class CouchDbModule extends DatastoreModule {

    public CouchDbModule() {
        super("CouchDB", Set.of("couchdb"), List.of(5984));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.COUCHDB_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        if (c.envSet("COUCHDB_USER") && c.envSet("COUCHDB_PASSWORD")) {
            return AuthVerdict.on("container " + c.containerName() + " sets COUCHDB_USER and COUCHDB_PASSWORD");
        }
        OptionalInt major = major(c);
        if (major.isPresent() && major.getAsInt() < 3 && !c.image().bitnami()) {
            return AuthVerdict.off(c.imageLabel() + ": CouchDB before 3.0 without an admin lets everyone act as admin",
                    "set COUCHDB_USER and COUCHDB_PASSWORD from a Secret, or move to CouchDB 3");
        }
        return AuthVerdict.on(major.isPresent() ? c.imageLabel() + ": CouchDB 3 requires an admin account"
                : assumingCurrent(c, "CouchDB 3 requires an admin account"));
    }
}
