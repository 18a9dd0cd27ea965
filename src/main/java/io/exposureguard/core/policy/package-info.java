/**
 * Policy decisions (pure): which ExposurePolicy governs a namespace, what it says to do for each finding (off,
 * alert, deny, fix), which ExposureExceptions apply and which are invalid or expired, and the policy's status
 * conditions. The Assessor runs engine and policy for every front door.
 */
package io.exposureguard.core.policy;
