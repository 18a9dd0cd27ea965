package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;

import java.util.OptionalInt;

/** CouchDB: 3.x refuses to start without an admin; 2.x without COUCHDB_USER/PASSWORD is an "admin party". */
public final class CouchDbAuth implements AuthInspector {

    @Override
    public AuthVerdict inspect(ContainerView c) {
        if (c.envSet("COUCHDB_USER") && c.envSet("COUCHDB_PASSWORD")) {
            return AuthVerdict.on("container " + c.containerName() + " sets COUCHDB_USER and COUCHDB_PASSWORD");
        }
        OptionalInt major = c.image().majorVersion();
        if (major.isPresent() && major.getAsInt() < 3 && !c.image().bitnami()) {
            return AuthVerdict.off(c.imageLabel() + ": CouchDB before 3.0 without an admin lets everyone act as admin",
                    "set COUCHDB_USER and COUCHDB_PASSWORD from a Secret, or move to CouchDB 3");
        }
        return AuthVerdict.on(c.imageLabel() + ": CouchDB 3 requires an admin account");
    }
}
