package io.exposureguard.core.remediation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remediation rate limit: a token bucket of {@code perMinute} writes, full at start and refilled continuously,
 * so a bad policy cannot rewrite a whole cluster at once. The caller passes the time.
 */
class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    /** Tries {@code times} writes at the same instant and says which were allowed. */
    private static List<Boolean> burst(RateLimiter limiter, int times, Instant at) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(limiter.tryAcquire(at));
        }
        return out;
    }

    private static RateLimiter drained(int perMinute) {
        RateLimiter limiter = new RateLimiter(perMinute);
        burst(limiter, perMinute, T0);
        return limiter;
    }

    @ParameterizedTest(name = "{0} per minute")
    @CsvSource({"1", "3", "10"})
    void aFreshLimiterAllowsAFullMinutesWorthAtOnceAndThenRefuses(int perMinute) {
        RateLimiter limiter = new RateLimiter(perMinute);

        assertThat(burst(limiter, perMinute, T0)).containsOnly(true).hasSize(perMinute);
        assertThat(limiter.tryAcquire(T0)).as("write %d in the same instant", perMinute + 1).isFalse();
    }

    @ParameterizedTest(name = "{0} per minute is never allowed")
    @CsvSource({"0", "-1", "-100"})
    void aLimitOfZeroOrLessAllowsNoWriteEver(int perMinute) {
        RateLimiter limiter = new RateLimiter(perMinute);

        assertThat(limiter.tryAcquire(T0)).isFalse();
        assertThat(limiter.tryAcquire(T0.plus(Duration.ofDays(1)))).as("not even after a day").isFalse();
    }

    @ParameterizedTest(name = "10 per minute, {0} ms after running dry: {1} more")
    @CsvSource({
            "0,     0",
            "5999,  0",
            "6000,  1",
            "12000, 2",
            "59999, 9",
            "60000, 10",
            "600000, 10"})
    void tokensComeBackInProportionToTheTimePassedAndNeverBeyondTheLimit(long millis, int allowed) {
        RateLimiter limiter = drained(10);

        List<Boolean> after = burst(limiter, 20, T0.plusMillis(millis));

        assertThat(after.stream().filter(b -> b).count()).isEqualTo(allowed);
    }

    @Test
    void aRefusedAttemptKeepsTheFractionOfATokenEarnedSoFar() {
        RateLimiter limiter = drained(10);

        assertThat(limiter.tryAcquire(T0.plusSeconds(3))).as("half a token after 3 s").isFalse();
        assertThat(limiter.tryAcquire(T0.plusSeconds(6))).as("the second half 3 s later makes one").isTrue();
        assertThat(limiter.tryAcquire(T0.plusSeconds(6))).isFalse();
    }

    @Test
    void aLongIdleSpellFillsTheBucketOnlyToTheLimit() {
        RateLimiter limiter = new RateLimiter(2);
        limiter.tryAcquire(T0);

        assertThat(burst(limiter, 5, T0.plus(Duration.ofHours(5)))).containsExactly(true, true, false, false, false);
    }

    @Test
    void aClockThatStepsBackwardsAddsNoTokens() {
        RateLimiter limiter = drained(10);

        assertThat(burst(limiter, 3, T0.minus(Duration.ofMinutes(30)))).containsOnly(false);
    }
}
