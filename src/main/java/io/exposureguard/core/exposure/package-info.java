/**
 * Exposure paths (pure): every way from outside the cluster to a datastore port (LoadBalancer, NodePort,
 * externalIPs, Ingress through its Service, hostPort, hostNetwork), how far each reaches and whether it
 * authenticates on the way.
 */
package io.exposureguard.core.exposure;
