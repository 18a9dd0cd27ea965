/**
 * The operator's settings (exposure-guard.* in application.properties), as one SmallRye config mapping whose
 * parts the rings below receive as plain interfaces.
 */
package io.exposureguard.app.config;
