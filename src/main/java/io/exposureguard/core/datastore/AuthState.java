package io.exposureguard.core.datastore;

/** Whether a datastore asks clients for credentials, as far as its manifests tell. */
public enum AuthState {
    /** No credentials are needed: anyone who can connect can read (and usually write). */
    OFF,
    /** Authentication is on but unauthenticated requests are served as an anonymous user with some role. */
    ANONYMOUS,
    /** Clients must authenticate. */
    ON,
    /** The manifests do not say (configuration outside the input, say). */
    UNKNOWN
}
