package dev.deletionpipeline.common.json;

import static java.util.Objects.requireNonNull;

import dev.deletionpipeline.common.topics.PoisonReason;
import java.io.Serial;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that cannot be read, with the {@link PoisonReason} its dead letter carries; the message is the detail,
 * which names the field or the type, never a value. A Kafka {@link SerializationException}, so that Kafka's and Spring
 * Kafka's error handlers treat it as the deserialization failure it is.
 */
public final class UnreadableRecordException extends SerializationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final PoisonReason reason;

    public UnreadableRecordException(PoisonReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = requireNonNull(reason, "reason");
    }

    public PoisonReason reason() {
        return reason;
    }

    /** The unreadable record behind a failure, e.g. under Spring Kafka's {@code DeserializationException}. */
    public static Optional<UnreadableRecordException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableRecordException unreadable) {
                return Optional.of(unreadable);
            }
        }
        return Optional.empty();
    }
}
