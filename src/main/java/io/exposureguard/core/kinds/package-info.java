/**
 * One module per datastore custom-resource kind ({@link io.exposureguard.core.kinds.DatastoreResourceKind}): how it
 * is recognised and read, which Services its operator generates, how its own settings are fixed, and what the
 * operator watches. {@link io.exposureguard.core.kinds.ResourceKinds} lists them; informers, the chart's RBAC and
 * webhook rules and docs/rules.md are made from that list. Pure: plain values in and out.
 */
package io.exposureguard.core.kinds;
