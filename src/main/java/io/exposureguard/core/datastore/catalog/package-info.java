/**
 * The catalog of datastore kinds the engine recognises (images, labels, ports) and the user-defined kinds an
 * ExposurePolicy adds, with the inspector that reads each kind's authentication.
 */
package io.exposureguard.core.datastore.catalog;
