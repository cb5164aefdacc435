package dev.deletionpipeline.common.schemas;

import dev.deletionpipeline.common.events.EventTypes;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Where the JSON Schema (draft 2020-12) of each contract event lives. The schemas ship in the {@code common} jar under
 * {@code schemas/<EventName>.schema.json}, so that other services, and tests that validate what they produce, find
 * them on the classpath; each declares an {@code $id} of the form
 * {@code https://deletionpipeline.dev/schemas/<EventName>.v1.json}.
 */
public final class EventSchemas {

    /** The classpath folder of the schemas. */
    public static final String DIRECTORY = "schemas/";

    private static final String ID_BASE = "https://deletionpipeline.dev/schemas/";

    private EventSchemas() {}

    /**
     * The classpath resource of an event's schema, e.g. {@code schemas/BlockSoftDeleted.schema.json}.
     *
     * @throws IllegalArgumentException when the class is not an event of the contract
     */
    public static String resourceOf(Class<?> eventClass) {
        EventTypes.typeOf(eventClass);
        return DIRECTORY + eventClass.getSimpleName() + ".schema.json";
    }

    /** The schema's {@code $id}, versioned like the event's {@code ce_type}: {@code …/BlockSoftDeleted.v1.json}. */
    public static URI idOf(Class<?> eventClass) {
        String type = EventTypes.typeOf(eventClass);
        String version = type.substring(type.lastIndexOf('.') + 1);
        return URI.create(ID_BASE + eventClass.getSimpleName() + "." + version + ".json");
    }

    /** Opens an event's schema from the classpath; the caller closes the stream. */
    public static InputStream open(Class<?> eventClass) {
        String resource = resourceOf(eventClass);
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new UncheckedIOException(new FileNotFoundException("Not on the classpath: " + resource));
        }
        return in;
    }
}
