package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.topics.Topic;

/** The command topic and its dead-letter topic, under the configured prefix. */
public record RequestTopics(Topic<String, DeletionRequested> commands, Topic<String, byte[]> deadLetters) {}
