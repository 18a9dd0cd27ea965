/**
 * The cluster as the application sees it: the informer cache (kube.ClusterCache) behind the core's read-only
 * ClusterReader, so the webhooks judge an object in its cluster context without an API call per request, and the
 * audit reads the same snapshot.
 */
package io.exposureguard.app.cluster;
