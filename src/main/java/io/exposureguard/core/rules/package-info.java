/**
 * The rules: each an id, a title, a severity, a why and a how-to-fix, evaluated over typed exposure paths.
 * docs/rules.md is generated from this catalog; a test fails when it is stale.
 */
package io.exposureguard.core.rules;
