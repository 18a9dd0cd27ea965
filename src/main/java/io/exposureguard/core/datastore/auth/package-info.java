/**
 * How each datastore's authentication is read from its configuration (pure): one inspector per datastore kind,
 * each returning on, off or unknown with the facts that say so, and version-aware defaults.
 */
package io.exposureguard.core.datastore.auth;
