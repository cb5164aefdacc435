package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.common.events.DeletionScope;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may ask for what over Kafka: the scopes each requesting service, named by its record's CloudEvents {@code
 * ce_source}, may use ({@code deletion.api.requests.sources}). Defence in depth behind the broker's ACLs: a client that
 * may write {@code deletion.requests.v1} still cannot purge an owner unless its source is configured for scope {@code
 * OWNER}. A source that is missing, unknown, or asks for a scope it may not use is refused with {@link
 * UnauthorizedSourceException} before anything is read or written.
 */
@Component
class RequestSourcePolicy {

    private static final Logger log = LoggerFactory.getLogger(RequestSourcePolicy.class);
    // the header is the sender's to write; the dead letter's detail repeats only this much of it
    private static final int MAX_QUOTED_SOURCE = 200;

    private final Map<String, Set<DeletionScope>> scopesBySource;

    RequestSourcePolicy(RequestsSettings settings) {
        this.scopesBySource = settings.sources().stream()
                .collect(Collectors.toUnmodifiableMap(
                        RequestsSettings.SourcePolicy::source, policy -> Set.copyOf(policy.scopes())));
        if (settings.enabled() && scopesBySource.isEmpty()) {
            log.warn("deletion.api.requests.sources is empty: every DeletionRequested command will be dead-lettered"
                    + " as UNAUTHORIZED_SOURCE");
        }
    }

    /**
     * @param source nullable: the record's {@code ce_source}
     * @throws UnauthorizedSourceException when the source may not ask for this scope
     */
    void authorize(String source, DeletionScope scope) {
        if (source == null || source.isBlank()) {
            throw new UnauthorizedSourceException("The record has no ce_source header naming the requesting service.");
        }
        Set<DeletionScope> allowed = scopesBySource.get(source);
        if (allowed == null) {
            throw new UnauthorizedSourceException(
                    "ce_source " + quoted(source) + " is not an allowed requesting service.");
        }
        if (!allowed.contains(scope)) {
            throw new UnauthorizedSourceException(
                    "ce_source " + quoted(source) + " may not request scope " + scope + ".");
        }
    }

    private static String quoted(String source) {
        String shown = source.length() <= MAX_QUOTED_SOURCE ? source : source.substring(0, MAX_QUOTED_SOURCE) + "…";
        return "'" + shown + "'";
    }
}
