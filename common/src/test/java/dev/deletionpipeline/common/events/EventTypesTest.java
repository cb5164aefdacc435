package dev.deletionpipeline.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventTypesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deletionpipeline.common.events.EventCases#eventClasses")
    void eachEventTypeLeadsBackToItsClass(Class<?> eventClass) {
        String type = EventTypes.typeOf(eventClass);

        assertThat(type).isEqualTo("dev.deletionpipeline." + eventClass.getSimpleName() + ".v1");
        assertThat(EventTypes.classOf(type)).contains(eventClass);
    }

    @Test
    void theContractHasTwelveEvents() {
        assertThat(EventTypes.eventClasses())
                .containsExactlyInAnyOrder(
                        BlockSoftDeleted.class,
                        BlockRestored.class,
                        BlockHeld.class,
                        BlockHoldReleased.class,
                        HardDeleteConfirmed.class,
                        DeletionRequested.class,
                        OrphanDetected.class,
                        RedriveRequested.class,
                        QuotaWaitEstimated.class,
                        DeletionStatus.class,
                        OpsSummary.class,
                        DeletionCompleted.class);
    }

    @Test
    void anUnknownTypeHasNoClass() {
        assertThat(EventTypes.classOf("dev.deletionpipeline.BlockSoftDeleted.v2"))
                .isEmpty();
        assertThat(EventTypes.classOf(null)).isEmpty();
    }

    @Test
    void aClassOutsideTheContractHasNoType() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.typeOf(String.class));
    }
}
