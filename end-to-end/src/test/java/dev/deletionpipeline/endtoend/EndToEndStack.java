package dev.deletionpipeline.endtoend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one local stack that every end-to-end suite of a test run shares: started once (a start costs about a minute on
 * a small machine), stopped when the run ends. Its settings are short enough for the suites to watch whole lifecycles:
 * a grace period, a restore window, a withdrawal purge interval and reconciler deadlines of seconds, and Google quotas
 * that do not throttle a 10,000-block deletion of one owner for a quarter of an hour.
 *
 * <p>A test class gets it with {@code @ExtendWith(EndToEndStack.Resolver.class)} and a constructor parameter.
 */
final class EndToEndStack implements AutoCloseable {

    static final Duration GRACE_PERIOD = Duration.ofSeconds(8);
    static final Duration RESTORE_WINDOW = Duration.ofSeconds(20);
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(2);
    static final Duration RECONCILER_DEADLINE = Duration.ofSeconds(20);
    static final Duration PUNCTUATION_INTERVAL = Duration.ofSeconds(2);
    static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(2);

    private static final Duration STARTUP = Duration.ofMinutes(6);

    private final LocalStackProcess process;
    private final StackEndpoints endpoints;
    private final PipelineTopics topics;
    private final Clients clients;
    private final Outcomes outcomes;

    private EndToEndStack(LocalStackProcess process, StackEndpoints endpoints) {
        this.process = process;
        this.endpoints = endpoints;
        this.topics = new PipelineTopics(endpoints.kafkaBootstrap());
        this.clients = new Clients(endpoints);
        this.outcomes = new Outcomes(clients.database(), clients.standIn(), topics);
    }

    static EndToEndStack start() {
        Path data = Path.of("target", "e2e-stack").toAbsolutePath();
        LocalStackProcess.deleteDataDirectory(data);
        LocalStackProcess process = LocalStackProcess.start(data, settings(data));
        try {
            return new EndToEndStack(process, StackEndpoints.of(process.awaitDescription(STARTUP)));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The services' Spring settings, inherited from the launcher (environment form: dots to underscores, no dashes). */
    static Map<String, String> settings(Path data) {
        return Map.ofEntries(
                Map.entry("DELETION_API_BLOCKS_GRACEPERIOD", seconds(GRACE_PERIOD)),
                Map.entry("DELETION_API_WITHDRAWAL_RESTOREWINDOW", seconds(RESTORE_WINDOW)),
                Map.entry("DELETION_API_WITHDRAWAL_PURGEINTERVAL", seconds(PURGE_INTERVAL)),
                Map.entry("DELETION_WORKER_RATELIMIT_PEROWNERPERMINUTE", "1000000"),
                Map.entry("DELETION_WORKER_RATELIMIT_PERPROJECTPERMINUTE", "1000000"),
                Map.entry("DELETION_RECONCILER_DEADLINE", seconds(RECONCILER_DEADLINE)),
                Map.entry("DELETION_RECONCILER_PUNCTUATIONINTERVAL", seconds(PUNCTUATION_INTERVAL)),
                Map.entry("DELETION_RECONCILER_SUMMARYINTERVAL", seconds(SUMMARY_INTERVAL)),
                // the default is relative to the working directory, shared with every other stack started from here
                Map.entry(
                        "RECONCILER_STATE_DIR", data.resolve("reconciler-state").toString()));
    }

    LocalStackProcess process() {
        return process;
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    PipelineTopics topics() {
        return topics;
    }

    Clients clients() {
        return clients;
    }

    Outcomes outcomes() {
        return outcomes;
    }

    @Override
    public void close() throws Exception {
        topics.close();
        try {
            process.stopAndWait(Duration.ofSeconds(90));
        } finally {
            process.close();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    /** Hands the run's one stack to test constructors; JUnit closes it when the whole run ends. */
    static final class Resolver implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(EndToEndStack.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == EndToEndStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .computeIfAbsent(EndToEndStack.class, key -> start(), EndToEndStack.class);
        }
    }
}
