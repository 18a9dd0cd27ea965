/**
 * Kubernetes adapters (kube ring): the informer cache with its lean copies, leader election, and the writers for
 * events, PolicyReports and ExposurePolicy status. All cluster I/O goes through the Fabric8 client here.
 */
package io.exposureguard.kube;
