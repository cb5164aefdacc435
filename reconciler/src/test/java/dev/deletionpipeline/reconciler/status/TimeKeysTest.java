package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeKeysTest {

    /** The index stores hold keys written by the earlier {@code String.format}: they must be found again. */
    @Test
    void keysAreTheTextTheStoresAlreadyHold() {
        UUID id = UUID.randomUUID();
        for (long millis : new long[] {0, 1, 1_772_442_000_123L, 999_999_999_999_999L, Long.MAX_VALUE}) {
            assertThat(TimeKeys.of(Instant.ofEpochMilli(millis), id)).isEqualTo(String.format("%019d|%s", millis, id));
        }
        assertThat(TimeKeys.of(Instant.ofEpochMilli(-5), "")).isEqualTo("0000000000000000000|");
        assertThat(TimeKeys.through(Instant.ofEpochMilli(42))).isEqualTo("0000000000000000042|~");
        assertThat(TimeKeys.timeOf(TimeKeys.of(Instant.ofEpochMilli(1_772_442_000_123L), id)))
                .isEqualTo(Instant.ofEpochMilli(1_772_442_000_123L));
    }
}
