package dev.deletionpipeline.worker.tasks;

import java.util.List;

/**
 * A Kafka record exactly as it was taken in (key, raw value bytes, headers) and where it came from: a dead-letter
 * record must keep the original key, value and headers.
 */
public record KeptRecord(String topic, int partition, long offset, String key, byte[] value, List<KeptHeader> headers) {

    public KeptRecord {
        headers = List.copyOf(headers);
    }
}
