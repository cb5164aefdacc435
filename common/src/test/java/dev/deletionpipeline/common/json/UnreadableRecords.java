package dev.deletionpipeline.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.PoisonReason;
import org.assertj.core.api.ThrowingConsumer;

final class UnreadableRecords {

    private UnreadableRecords() {}

    /** The failure is the serdes' typed one, with this reason. */
    static ThrowingConsumer<Throwable> hasReason(PoisonReason reason) {
        return failure -> assertThat(failure)
                .isInstanceOfSatisfying(
                        UnreadableRecordException.class,
                        unreadable -> assertThat(unreadable.reason()).isEqualTo(reason));
    }
}
