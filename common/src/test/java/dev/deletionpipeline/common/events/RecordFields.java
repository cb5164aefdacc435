package dev.deletionpipeline.common.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * What a test can learn about an event record by reflection: its fields, copies with one field replaced, and which
 * fields it requires (a primitive, or one whose constructor refuses null). Tests derive the required fields from the
 * records' behaviour, so that the schemas are checked against what the code does, not against a second list.
 */
public final class RecordFields {

    private RecordFields() {}

    public static List<String> namesOf(Class<?> recordClass) {
        return Arrays.stream(recordClass.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    public static RecordComponent componentOf(Class<?> recordClass, String name) {
        return Arrays.stream(recordClass.getRecordComponents())
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(recordClass.getSimpleName() + " has no " + name));
    }

    /** The fields of a contract event that must not be missing, in declaration order. */
    public static List<String> requiredOf(Class<?> eventClass) {
        Record sample = (Record) SampleEvents.filled(eventClass);
        return Arrays.stream(eventClass.getRecordComponents())
                .filter(c -> c.getType().isPrimitive() || refusesNull(sample, c.getName()))
                .map(RecordComponent::getName)
                .toList();
    }

    /** The fields of a contract event that may be null, in declaration order. */
    public static List<String> nullableOf(Class<?> eventClass) {
        List<String> required = requiredOf(eventClass);
        return namesOf(eventClass).stream().filter(n -> !required.contains(n)).toList();
    }

    /** A copy of the record with one field replaced; constructor exceptions are thrown as they are. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R record, String field, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getName().equals(field) ? value : valueOf(record, components[i]);
        }
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return (R) record.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean refusesNull(Record sample, String field) {
        try {
            with(sample, field, null);
            return false;
        } catch (NullPointerException e) {
            return true;
        }
    }

    private static Object valueOf(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
