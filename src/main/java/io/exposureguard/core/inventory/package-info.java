/**
 * The indexed snapshot the engine works on (pure): Kubernetes objects, including custom resources read as trees,
 * turned into datastores, Services, Ingresses, middlewares and network policies, with a clear problem for any
 * object that cannot be read. Also the lean copies the informer cache keeps.
 */
package io.exposureguard.core.inventory;
