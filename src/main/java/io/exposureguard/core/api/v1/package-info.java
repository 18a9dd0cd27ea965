/**
 * The custom resources exposure-guard owns, ExposurePolicy and ExposureException (exposureguard.io/v1alpha1), as
 * Fabric8 CustomResource classes. The CRDs in crds/ and the chart are generated from them; a test fails when they
 * drift.
 */
package io.exposureguard.core.api.v1;
