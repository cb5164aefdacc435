package dev.deletionpipeline.reconciler.query;

/**
 * The stores cannot answer right now — Kafka Streams is starting or rebalancing, a key has just moved, or the instance
 * that hosts it did not answer — and asking again shortly will work: the REST layer answers 503 with Retry-After.
 */
class QueriesUnavailableException extends RuntimeException {

    QueriesUnavailableException(String message) {
        super(message);
    }

    QueriesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
