package dev.deletionpipeline.api.approvals;

import dev.deletionpipeline.api.support.InputPatterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/admin/deletions/{id}/approve} and {@code /reject}: why, for the audit trail. */
record DecisionRequest(
        @NotBlank @Size(max = 1000) @Pattern(regexp = InputPatterns.TEXT, message = InputPatterns.TEXT_MESSAGE)
        String reason) {}
