package dev.deletionpipeline.worker;

import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.Pipeline.Block;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every worker integration test stands on: a fresh database, the test class's own topics, a Google Calendar
 * stand-in with its events, the {@link Pipeline} that plays deletion-api, and — unless the test starts and stops
 * workers itself — one worker for the whole class. Register it as a static {@code @RegisterExtension} field; it
 * starts when the class does and closes after its last test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WorkerTestStack stack = WorkerTestStack.forClass(MyIT.class).withWorker();
 * }</pre>
 */
public final class WorkerTestStack implements AfterAllCallback, AutoCloseable {

    private final TestDatabase database;
    private final String topicPrefix;
    private final CalendarStandIn standIn;
    private final StandInEvents events;
    private final Pipeline pipeline;
    private final TestWorker worker;

    private WorkerTestStack(Builder builder, boolean startWorker) {
        this.database = SharedInfrastructure.freshDatabase("worker_" + builder.testClass.getSimpleName());
        this.topicPrefix = TestTopics.forClass(builder.testClass);
        this.standIn = CalendarStandIn.start(builder.standInSettings);
        this.events = new StandInEvents(standIn);
        this.pipeline = new Pipeline(database, topicPrefix);
        this.worker = startWorker ? startWorker(builder.workerSettings, builder.workerBeans) : null;
    }

    public static Builder forClass(Class<?> testClass) {
        return new Builder(testClass);
    }

    /** A worker of this stack with the test defaults; the caller stops it (closing it is the worker going away). */
    public TestWorker startWorker() {
        return startWorker(Map.of(), Map.of());
    }

    /** @see TestWorker#start(TestDatabase, String, CalendarStandIn, Map, Map) */
    public TestWorker startWorker(Map<String, Object> settings, Map<String, Object> beans) {
        return TestWorker.start(database, topicPrefix, standIn, settings, beans);
    }

    /** The worker started for the whole class; only with {@link Builder#withWorker()}. */
    public TestWorker worker() {
        if (worker == null) {
            throw new IllegalStateException("This stack was built without a worker: use startWorker()");
        }
        return worker;
    }

    public TestDatabase database() {
        return database;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public CalendarStandIn standIn() {
        return standIn;
    }

    public StandInEvents events() {
        return events;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** A block of a new owner, synced to a new event of the stand-in's calendar, soft-deleted and due at once. */
    public Block dueSyncedBlock(String calendarId) {
        String eventId = events.insert(calendarId);
        return pipeline.softDeleted(
                pipeline.newOwner(), calendarId, eventId, Instant.now().minusSeconds(1));
    }

    /** The test class's dead-letter topic. */
    public DeadLetterTopic deadLetters() {
        return new DeadLetterTopic(topicPrefix);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try (CalendarStandIn closingStandIn = standIn;
                Pipeline closingPipeline = pipeline) {
            if (worker != null) {
                worker.close();
            }
        }
    }

    /** What differs between test classes: the stand-in's settings and the class-wide worker's settings and beans. */
    public static final class Builder {

        private final Class<?> testClass;
        private CalendarStandInSettings standInSettings =
                CalendarStandInSettings.builder().build();
        private Map<String, Object> workerSettings = Map.of();
        private Map<String, Object> workerBeans = Map.of();

        private Builder(Class<?> testClass) {
            this.testClass = testClass;
        }

        public Builder standIn(CalendarStandInSettings settings) {
            this.standInSettings = settings;
            return this;
        }

        /** Settings of the class-wide worker that differ from the test defaults. */
        public Builder workerSettings(Map<String, Object> settings) {
            this.workerSettings = settings;
            return this;
        }

        /** Beans added to the class-wide worker, by name, e.g. a {@code Clock}. */
        public Builder workerBeans(Map<String, Object> beans) {
            this.workerBeans = beans;
            return this;
        }

        /** Starts everything and one worker for the whole class. */
        public WorkerTestStack withWorker() {
            return new WorkerTestStack(this, true);
        }

        /** Starts everything but a worker: the test starts and stops its own ({@link #startWorker()}). */
        public WorkerTestStack withoutWorker() {
            return new WorkerTestStack(this, false);
        }
    }
}
