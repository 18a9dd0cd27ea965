package io.exposureguard.datastore.auth;

import io.exposureguard.datastore.AuthVerdict;
import io.exposureguard.datastore.ContainerView;

/** Reads one datastore family's authentication settings from a container. Pure: no I/O. */
public interface AuthInspector {
    AuthVerdict inspect(ContainerView container);
}
