package dev.deletionpipeline.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRecordsTest {

    /** The contract's nullable fields; every other field is required. Other modules code against this. */
    private static final Map<Class<?>, List<String>> NULLABLE = Map.ofEntries(
            Map.entry(
                    BlockSoftDeleted.class,
                    List.of("googleEventId", "originalId", "recurringEventId", "redriveOf", "dueBy")),
            Map.entry(BlockRestored.class, List.of()),
            Map.entry(BlockHeld.class, List.of()),
            Map.entry(BlockHoldReleased.class, List.of()),
            Map.entry(HardDeleteConfirmed.class, List.of("googleEventId", "claimedAt", "googleAnsweredAt")),
            Map.entry(DeletionRequested.class, List.of("blockId", "calendarId")),
            Map.entry(OrphanDetected.class, List.of("deletionId")),
            Map.entry(RedriveRequested.class, List.of()),
            Map.entry(QuotaWaitEstimated.class, List.of()),
            Map.entry(DeletionStatus.class, List.of("reason", "purgeAfter", "confirmedAt", "estimatedFinish")),
            Map.entry(OpsSummary.class, List.of("quotaWaitsDoneBy")),
            Map.entry(DeletionCompleted.class, List.of("target", "blocksDigest", "previousDigest", "supersedes")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void onlyTheDocumentedFieldsMayBeNull(Class<?> eventClass) {
        assertThat(RecordFields.nullableOf(eventClass)).isEqualTo(NULLABLE.get(eventClass));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#requiredReferenceFields")
    void aRequiredFieldLeftNullIsRefusedWithItsName(Class<?> eventClass, String field) {
        Record sample = (Record) SampleEvents.filled(eventClass);

        assertThatNullPointerException()
                .isThrownBy(() -> RecordFields.with(sample, field, null))
                .withMessage(field);
    }

    @Test
    void everyEventHasASampleWithItsNullableFieldsNull() {
        for (Object sample : SampleEvents.withNullablesNull()) {
            for (String field : RecordFields.nullableOf(sample.getClass())) {
                assertThat(valueOf((Record) sample, field))
                        .as("%s.%s", sample.getClass().getSimpleName(), field)
                        .isNull();
            }
        }
    }

    @Test
    void opsSummaryKeepsAnImmutableCopyOfItsMaps() {
        Map<DeletionState, Long> counts = new HashMap<>(Map.of(DeletionState.FAILED, 1L));
        Map<String, Long> deadLetters = new HashMap<>(Map.of("POISON_NOT_JSON", 1L));
        OpsSummary summary = new OpsSummary(
                "pipeline",
                SampleEvents.SOFT_DELETED_AT,
                counts,
                deadLetters,
                0,
                LatencyPercentiles.NONE,
                60,
                0,
                0,
                0,
                0,
                0,
                null);

        counts.put(DeletionState.CONFIRMED, 9L);
        deadLetters.clear();

        assertThat(summary.countsByState()).containsExactly(Map.entry(DeletionState.FAILED, 1L));
        assertThat(summary.deadLettersByReason()).containsExactly(Map.entry("POISON_NOT_JSON", 1L));
        assertThatThrownBy(() -> summary.countsByState().put(DeletionState.RESTORED, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBlockCommandWithoutItsBlockIdViolatesItsScope() {
        DeletionRequested command = RecordFields.with(SampleEvents.deletionRequested(), "blockId", null);

        assertThat(command.scopeViolation()).contains("scope BLOCK needs a blockId");
    }

    @Test
    void aCalendarCommandWithoutItsCalendarIdViolatesItsScope() {
        DeletionRequested command = RecordFields.with(
                RecordFields.with(SampleEvents.deletionRequested(), "scope", DeletionScope.CALENDAR),
                "calendarId",
                " ");

        assertThat(command.scopeViolation()).contains("scope CALENDAR needs a calendarId");
    }

    @Test
    void commandsWithTheTargetTheirScopeNeedsAreValid() {
        assertThat(SampleEvents.deletionRequested().scopeViolation()).isEmpty();
        assertThat(SampleEvents.ownerDeletionRequested().scopeViolation()).isEmpty();
    }

    private static Object valueOf(Record record, String field) {
        try {
            return RecordFields.componentOf(record.getClass(), field)
                    .getAccessor()
                    .invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
