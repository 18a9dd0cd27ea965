/**
 * The engine's result values: findings (rule, severity, the object to look at, the path, the facts, the fix),
 * object references, severities and input problems.
 */
package io.exposureguard.core.model;
