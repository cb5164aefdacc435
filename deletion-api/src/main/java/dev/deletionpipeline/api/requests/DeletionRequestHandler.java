package dev.deletionpipeline.api.requests;

import dev.deletionpipeline.api.approvals.ApprovalService;
import dev.deletionpipeline.api.deletions.BulkDeletionSettings;
import dev.deletionpipeline.api.deletions.DeletionPreview;
import dev.deletionpipeline.api.deletions.DeletionPreviews;
import dev.deletionpipeline.api.deletions.DeletionService;
import dev.deletionpipeline.api.deletions.DeletionTarget;
import dev.deletionpipeline.api.deletions.Deletions;
import dev.deletionpipeline.api.problems.NotFoundException;
import dev.deletionpipeline.api.support.InputPatterns;
import dev.deletionpipeline.common.events.DeletionRequested;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out one {@code DeletionRequested} command with the REST API's semantics, at most once per event id: the
 * deletion takes the command's event id, so a redelivered command finds its deletion (or its held approval) and is
 * skipped, inside the same transaction as the effect. A command that would soft-delete more blocks than the
 * confirmation threshold is held as {@code PENDING_APPROVAL} instead and touches no block. A command its source may not
 * send throws {@link UnauthorizedSourceException} before anything else is looked at; an invalid one throws
 * {@link InvalidCommandException}; neither changes anything.
 */
@Component
class DeletionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(DeletionRequestHandler.class);
    private static final int MAX_REQUESTED_BY = 200;

    private final DeletionService service;
    private final Deletions deletions;
    private final RequestSourcePolicy sources;
    private final DeletionPreviews previews;
    private final ApprovalService approvals;
    private final BulkDeletionSettings limits;

    DeletionRequestHandler(
            DeletionService service,
            Deletions deletions,
            RequestSourcePolicy sources,
            DeletionPreviews previews,
            ApprovalService approvals,
            BulkDeletionSettings limits) {
        this.service = service;
        this.deletions = deletions;
        this.sources = sources;
        this.previews = previews;
        this.approvals = approvals;
        this.limits = limits;
    }

    /**
     * @param source nullable: the record's CloudEvents {@code ce_source}, the requesting service
     */
    @Transactional
    public void handle(String key, String source, DeletionRequested command) {
        if (command == null) {
            throw new InvalidCommandException("The record has no value.");
        }
        sources.authorize(source, command.scope());
        validate(key, command);
        if (deletions.exists(command.eventId()) || approvals.isHeld(command.eventId())) {
            log.debug("Command {} was carried out or held before; skipped", command.eventId());
            return;
        }
        String requestedBy = "service:" + command.requestedBy();
        UUID owner = command.ownerId();
        Optional<DeletionTarget> target = switch (command.scope()) {
            case BLOCK -> previews.liveBlock(owner, command.blockId());
            case CALENDAR -> Optional.of(DeletionTarget.calendar(command.calendarId()));
            case OWNER -> Optional.of(DeletionTarget.everyBlockOf(owner));
        };
        DeletionPreview preview = target.map(t -> previews.of(owner, t)).orElse(DeletionPreview.NOTHING);
        if (limits.needsConfirmation(preview.blocks())) {
            approvals.hold(command, requestedBy, preview);
            return;
        }
        // a target that grows past the threshold meanwhile fails this attempt; the retry finds it above and holds it
        int allowed = limits.confirmationThreshold();
        try {
            switch (command.scope()) {
                case BLOCK -> service.deleteBlock(owner, command.blockId(), requestedBy, command.eventId(), allowed);
                case CALENDAR, OWNER ->
                    service.deleteAll(owner, target.orElseThrow(), requestedBy, command.eventId(), allowed);
            }
        } catch (NotFoundException e) {
            throw new InvalidCommandException(e.getMessage());
        }
    }

    private void validate(String key, DeletionRequested command) {
        command.scopeViolation().ifPresent(violation -> {
            throw new InvalidCommandException(violation);
        });
        if (!command.ownerId().toString().equals(key)) {
            throw new InvalidCommandException("The record key must be the command's ownerId.");
        }
        if (command.requestedBy().isBlank() || command.requestedBy().length() > MAX_REQUESTED_BY) {
            throw new InvalidCommandException("requestedBy must be 1-" + MAX_REQUESTED_BY + " characters.");
        }
        if (command.calendarId() != null && !command.calendarId().matches(InputPatterns.CALENDAR_ID)) {
            throw new InvalidCommandException("calendarId " + InputPatterns.CALENDAR_ID_MESSAGE + ".");
        }
        if (!service.ownerExists(command.ownerId())) {
            throw new InvalidCommandException("Unknown owner " + command.ownerId() + ".");
        }
    }
}
