package io.exposureguard.app.admission;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body bytes the webhooks hold at once: bounded in total and per client address, and given back when answered. */
class IntakeBudgetTest {

    private final IntakeBudget budget = new IntakeBudget(1000, 400);

    @Test
    void aSourceMayReserveUpToItsShare() {
        assertThat(budget.tryReserve("10.0.0.9", 400)).isTrue();

        assertThat(budget.tryReserve("10.0.0.9", 1)).isFalse();
        assertThat(budget.usedBy("10.0.0.9")).isEqualTo(400);
    }

    @Test
    void oneSourceAtItsShareLeavesRoomForAnother() {
        budget.tryReserve("10.0.0.9", 400);

        assertThat(budget.tryReserve("api-server", 400)).isTrue();
    }

    @Test
    void theTotalBoundsAllSourcesTogether() {
        budget.tryReserve("a", 400);
        budget.tryReserve("b", 400);

        assertThat(budget.tryReserve("c", 201)).isFalse();
        assertThat(budget.tryReserve("c", 200)).isTrue();
        assertThat(budget.used()).isEqualTo(1000);
    }

    @Test
    void aRefusedReservationHoldsNothing() {
        budget.tryReserve("a", 300);

        budget.tryReserve("a", 200);

        assertThat(budget.usedBy("a")).isEqualTo(300);
        assertThat(budget.used()).isEqualTo(300);
    }

    @Test
    void releasingGivesTheRoomBack() {
        budget.tryReserve("a", 400);

        budget.release("a", 400);

        assertThat(budget.tryReserve("a", 400)).isTrue();
        assertThat(budget.used()).isEqualTo(400);
    }

    @Test
    void aNegativeLengthIsNeverReserved() {
        assertThat(budget.tryReserve("a", -5)).isFalse();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new IntakeBudget(0, 10)).hasMessageContaining("must be positive");
    }
}
