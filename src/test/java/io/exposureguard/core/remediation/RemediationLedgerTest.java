package io.exposureguard.core.remediation;

import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.remediation.RemediationLedger.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ledger says about a target that still has fix findings: never patched (NONE), our patch not yet in the
 * cache (PENDING), or our patch undone by someone else (REVERTED). Window 10 minutes, back-off 1 hour (the defaults).
 */
class RemediationLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration BACKOFF = Duration.ofHours(1);
    private static final ObjectRef CACHE = ObjectRef.of("Service", "shop", "cache");
    private static final ObjectRef SEARCH = ObjectRef.of("Service", "shop", "search");

    private static RemediationLedger ledger() {
        return new RemediationLedger(WINDOW, BACKOFF);
    }

    /** A ledger that patched CACHE at T0 when the cache held version "41". */
    private static RemediationLedger patchedAtT0() {
        RemediationLedger ledger = ledger();
        ledger.patched(CACHE, "41", T0);
        return ledger;
    }

    @Test
    void aTargetNeverPatchedAndWithoutOurAnnotationIsNone() {
        assertThat(ledger().state(CACHE, "41", null, T0)).isEqualTo(State.NONE);
    }

    @ParameterizedTest(name = "cache holds version {0} {1} min after the patch: {2}")
    @CsvSource({
            "41, 0,  PENDING",
            "41, 9,  PENDING",
            "42, 0,  REVERTED",
            "42, 9,  REVERTED",
            "41, 10, PENDING",
            "42, 10, REVERTED",
            "41, 11, NONE",
            "42, 11, NONE"})
    void afterOurPatchTheCachedVersionTellsPendingFromRevertedWithinTheWindow(String cachedVersion, int minutes, State expected) {
        assertThat(patchedAtT0().state(CACHE, cachedVersion, null, T0.plus(Duration.ofMinutes(minutes)))).isEqualTo(expected);
    }

    @Test
    void aPatchOfOneTargetSaysNothingAboutAnother() {
        assertThat(patchedAtT0().state(SEARCH, "41", null, T0)).isEqualTo(State.NONE);
    }

    @ParameterizedTest(name = "annotation {0} min old: {1}")
    @CsvSource({
            "0,  REVERTED",
            "9,  REVERTED",
            "10, NONE",
            "60, NONE"})
    void afterARestartOurRemediatedAtAnnotationStillInTheWindowMeansReverted(int minutesOld, State expected) {
        Instant remediatedAt = T0.minus(Duration.ofMinutes(minutesOld));

        assertThat(ledger().state(CACHE, "42", remediatedAt, T0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} min after the revert: {1}")
    @CsvSource({
            "0,  REVERTED",
            "59, REVERTED",
            "60, NONE",
            "90, NONE"})
    void aRevertedTargetStaysRevertedForTheBackOffWhateverTheCacheHolds(int minutes, State expected) {
        RemediationLedger ledger = patchedAtT0();
        ledger.reverted(CACHE, T0);

        assertThat(ledger.state(CACHE, "41", null, T0.plus(Duration.ofMinutes(minutes)))).isEqualTo(expected);
    }

    @Test
    void aPatchAfterTheBackOffIsTrackedAfresh() {
        RemediationLedger ledger = patchedAtT0();
        ledger.reverted(CACHE, T0);
        Instant later = T0.plus(BACKOFF).plusSeconds(1);

        ledger.patched(CACHE, "50", later);

        assertThat(ledger.state(CACHE, "50", null, later)).isEqualTo(State.PENDING);
        assertThat(ledger.state(CACHE, "51", null, later)).isEqualTo(State.REVERTED);
    }

    @Test
    void anObjectWithoutAResourceVersionIsPendingUntilTheCacheShowsOne() {
        RemediationLedger ledger = ledger();
        ledger.patched(CACHE, null, T0);

        assertThat(ledger.state(CACHE, null, null, T0)).isEqualTo(State.PENDING);
        assertThat(ledger.state(CACHE, "1", null, T0)).isEqualTo(State.REVERTED);
    }
}
