package io.exposureguard.core.datastore;

/** Reads one datastore's authentication settings from a container. Pure: no I/O. */
public interface AuthInspector {
    AuthVerdict inspect(ContainerView container);
}
