package dev.deletionpipeline.worker;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;

/** Each test class gets its own copies of the worker's topics, so records of one class never reach another. */
public final class TestTopics {

    private TestTopics() {}

    /** Creates the prefixed lifecycle and dead-letter topics and returns the prefix. */
    public static String forClass(Class<?> testClass) {
        String prefix = "it-" + testClass.getSimpleName().toLowerCase() + "-" + System.nanoTime() + ".";
        SharedInfrastructure.kafka()
                .createTopic(Topics.BLOCKS_LIFECYCLE.withPrefix(prefix).name(), 3);
        SharedInfrastructure.kafka()
                .createTopic(Topics.DELETION_DEAD_LETTERS.withPrefix(prefix).name(), 3);
        return prefix;
    }
}
