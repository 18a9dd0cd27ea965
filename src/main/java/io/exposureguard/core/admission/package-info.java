/**
 * Admission judging (pure): the verdict for one object in its cluster context: which findings the object itself
 * completes, whether they deny, warn or pass, and the text a user sees.
 */
package io.exposureguard.core.admission;
