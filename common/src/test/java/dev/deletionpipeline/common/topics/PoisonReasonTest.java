package dev.deletionpipeline.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoisonReasonTest {

    @Test
    void aReasonReadBackFromAHeaderIsKnownAsPoison() {
        assertThat(PoisonReason.isPoison("POISON_NOT_JSON")).isTrue();
        assertThat(PoisonReason.isPoison("POISON_KEY_MISMATCH")).isTrue();
    }

    @Test
    void otherReasonsAreNotPoison() {
        assertThat(PoisonReason.isPoison("GOOGLE_403_FORBIDDEN")).isFalse();
        assertThat(PoisonReason.isPoison(DeadLetterReason.CALENDAR_UNREACHABLE.name()))
                .isFalse();
        assertThat(PoisonReason.isPoison(null)).isFalse();
    }
}
