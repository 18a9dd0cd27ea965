package io.exposureguard.core.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A failing API server is retried with growing pauses: never a tight loop, never more than a minute apart. */
class AuditBackoffTest {

    @ParameterizedTest(name = "failure {0} -> {1} ms")
    @CsvSource(textBlock = """
            1, 1000
            2, 2000
            5, 16000
            6, 32000
            7, 60000
            40, 60000
            """)
    void backoffDoublesUpToOneMinute(int failures, long expectedMillis) {
        assertThat(AuditBackoff.after(failures, Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(expectedMillis));
    }
}
