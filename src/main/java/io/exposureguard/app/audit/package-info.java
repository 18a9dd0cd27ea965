/**
 * The continuous audit (application ring): the loop that schedules, debounces and backs off audits, runs them
 * over the informer cache and hands their results to the writers; and the health checks built on it.
 */
package io.exposureguard.app.audit;
