package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionVerdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision tag of the admission metrics follows how the verdict was reached, never what its message says. */
class AdmissionDecisionTagTest {

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(new AdmissionVerdict(false, "exposure-guard denied Service a/b: ...", List.of()), "denied"),
                Arguments.of(new AdmissionVerdict(true, "allowed with warnings", List.of("w")), "warned"),
                Arguments.of(AdmissionVerdict.allow("no exposure"), "allowed"),
                Arguments.of(AdmissionVerdict.error(List.of("could not evaluate")), "error"),
                Arguments.of(AdmissionVerdict.late(List.of("not finished")), "late"),
                Arguments.of(AdmissionVerdict.allow("error"), "allowed"),
                Arguments.of(new AdmissionVerdict(false, "late", List.of()), "denied"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("verdicts")
    void theTagFollowsTheBasis(AdmissionVerdict verdict, String tag) {
        assertThat(ValidatingWebhook.decisionTag(verdict)).isEqualTo(tag);
    }
}
