package dev.deletionpipeline.localstack.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallLogTest {

    private final CallLog log = new CallLog(3);

    @Test
    void keepsOnlyTheMostRecentCallsUpToItsCapacity() {
        for (int i = 0; i < 5; i++) {
            append();
        }

        assertThat(log.snapshot(0)).extracting(CallRecord::sequence).containsExactly(3L, 4L, 5L);
    }

    @Test
    void clearingHidesEarlierCallsButKeepsNumbering() {
        append();
        append();
        log.clear();
        append();

        assertThat(log.snapshot(0)).extracting(CallRecord::sequence).containsExactly(3L);
    }

    @Test
    void clearingLetsGoOfTheClearedCallsSoTheirMemoryCanBeFreed() {
        append();
        append();
        log.clear();
        append();

        assertThat(log.retained()).isEqualTo(1);
    }

    @Test
    void snapshotAfterASequenceReturnsOnlyLaterCalls() {
        append();
        append();
        append();

        assertThat(log.snapshot(1)).extracting(CallRecord::sequence).containsExactly(2L, 3L);
    }

    private void append() {
        log.append(new CallRecord(
                log.nextSequence(),
                Instant.EPOCH,
                "DELETE",
                "/calendar/v3/x",
                "c",
                "e",
                null,
                204,
                null,
                null,
                null,
                1));
    }
}
