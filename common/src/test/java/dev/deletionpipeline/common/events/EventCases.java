package dev.deletionpipeline.common.events;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Argument sources that let a parameterised test cover every event of the contract, and every required field. */
public final class EventCases {

    private EventCases() {}

    /** Every event record class, named by its simple name, in a stable order. */
    public static Stream<Named<Class<?>>> eventClasses() {
        return sortedEventClasses().stream().map(c -> Named.of(c.getSimpleName(), c));
    }

    /** Every sample of {@link SampleEvents}: each event filled, and each with its nullable fields null. */
    public static Stream<Named<Object>> samples() {
        return Stream.concat(
                SampleEvents.filled().stream().map(e -> Named.of(e.getClass().getSimpleName() + " filled", e)),
                samplesWithNullablesNull());
    }

    /** Each event with its nullable fields null. */
    public static Stream<Named<Object>> samplesWithNullablesNull() {
        return SampleEvents.withNullablesNull().stream()
                .map(e -> Named.of(e.getClass().getSimpleName() + " with nullable fields null", e));
    }

    /** (event class, required field) for every required field of every event. */
    public static Stream<Arguments> requiredFields() {
        return sortedEventClasses().stream()
                .flatMap(c -> RecordFields.requiredOf(c).stream()
                        .map(field -> Arguments.of(Named.of(c.getSimpleName(), c), field)));
    }

    /** (event class, required field) for every required field that is not a primitive. */
    public static Stream<Arguments> requiredReferenceFields() {
        return requiredFields().filter(args -> {
            Class<?> eventClass = (Class<?>) ((Named<?>) args.get()[0]).getPayload();
            return !RecordFields.componentOf(eventClass, (String) args.get()[1])
                    .getType()
                    .isPrimitive();
        });
    }

    private static List<Class<?>> sortedEventClasses() {
        return EventTypes.eventClasses().stream()
                .sorted(Comparator.comparing(Class::getSimpleName))
                .toList();
    }
}
