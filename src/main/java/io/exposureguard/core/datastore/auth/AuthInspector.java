package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;

/** Reads one datastore family's authentication settings from a container. Pure: no I/O. */
public interface AuthInspector {
    AuthVerdict inspect(ContainerView container);
}
