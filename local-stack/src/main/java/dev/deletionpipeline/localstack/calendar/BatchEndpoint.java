package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.localstack.calendar.MultipartBatch.Answer;
import dev.deletionpipeline.localstack.calendar.MultipartBatch.MalformedBatchException;
import dev.deletionpipeline.localstack.calendar.MultipartBatch.Part;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /batch/calendar/v3}: Google's batch endpoint. Each part is answered as if it had been sent alone (own
 * status, own error body, own quota and fault draw, own call-log entry marked with the batch id); the batch itself is
 * 200 unless it cannot be parsed or has more than {@value #MAX_PARTS} parts (400 {@code badRequest}).
 */
final class BatchEndpoint {

    static final String PATH = "/batch/calendar/v3";
    static final int MAX_PARTS = 50;

    private final StandInState state;
    private final CalendarApi api;

    BatchEndpoint(StandInState state, CalendarApi api) {
        this.state = state;
        this.api = api;
    }

    ApiResponse handle(ApiRequest batch, long batchId) {
        List<Part> parts;
        List<ApiRequest> requests = new ArrayList<>();
        try {
            parts = MultipartBatch.parse(batch.body(), MultipartBatch.boundaryOf(batch.contentType()));
            if (parts.isEmpty()) {
                throw new MalformedBatchException("the batch has no parts");
            }
            if (parts.size() > MAX_PARTS) {
                return GoogleErrors.badRequest("Too many requests in batch; the maximum is " + MAX_PARTS + ".");
            }
            for (Part part : parts) {
                requests.add(EmbeddedHttp.request(part, batch.authorization()));
            }
        } catch (MalformedBatchException malformed) {
            return GoogleErrors.badRequest("Failed to parse batch request, error: " + malformed.getMessage());
        }
        List<Answer> answers = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            answers.add(new Answer(contentId(parts.get(i), i + 1), answer(requests.get(i), batchId)));
        }
        String boundary =
                "batch_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return new ApiResponse(
                200,
                Map.of(),
                "multipart/mixed; boundary=" + boundary,
                MultipartBatch.write(boundary, answers),
                null,
                null,
                null,
                null);
    }

    private ApiResponse answer(ApiRequest request, long batchId) {
        long startNanos = System.nanoTime();
        Instant at = state.now();
        ApiResponse response = api.handle(request);
        state.record(request, response, at, startNanos, batchId);
        return response;
    }

    private static String contentId(Part part, int position) {
        String contentId = part.headers().get("content-id");
        if (contentId == null || contentId.isBlank()) {
            return Integer.toString(position);
        }
        return contentId.replace("<", "").replace(">", "").trim();
    }
}
