package dev.deletionpipeline.worker.calendar;

import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Records the answer to one part of a batch request under its block, classified like a single call's. */
final class BatchAnswer extends JsonBatchCallback<Void> {

    private final UUID blockId;
    private final Map<UUID, GoogleAnswer> answers;
    private final Clock clock;

    BatchAnswer(UUID blockId, Map<UUID, GoogleAnswer> answers, Clock clock) {
        this.blockId = blockId;
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public void onSuccess(Void nothing, HttpHeaders headers) {
        answers.put(blockId, GoogleAnswers.deleted(clock.instant()));
    }

    @Override
    public void onFailure(GoogleJsonError error, HttpHeaders headers) {
        answers.put(
                blockId,
                GoogleAnswers.classify(
                        error.getCode(),
                        GoogleCalendarDeleter.firstReason(error),
                        headers == null ? null : headers.getRetryAfter(),
                        error.getMessage(),
                        clock.instant()));
    }
}
